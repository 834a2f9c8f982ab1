/**
 * The release workflow's gate and notes: `tsx scripts/release-notes.ts v1.2.3` checks that the tag,
 * package.json, the version the action reports (src/version.ts) and the schemas' per-major URLs agree,
 * and that CHANGELOG.md has a dated section for the version; it prints that section (the release
 * notes) on stdout, or every problem on stderr with exit 1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ACTION_REPOSITORY, ACTION_VERSION } from '../src/version.js';

const TAG = /^v(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/;

/** The body of `## [1.2.3] - 2026-01-31` in a Keep-a-Changelog file, without its heading. */
export function changelogSection(
  changelog: string,
  version: string,
): { date?: string; body: string } | undefined {
  const lines = changelog.split('\n');
  const heading = new RegExp(`^## \\[${version.replace(/[.+-]/g, '\\$&')}\\](?: - (.*))?\\s*$`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return undefined;
  const date = heading.exec(lines[start] ?? '')?.[1]?.trim();
  const rest = lines.slice(start + 1);
  // The section ends at the next version heading or at the link references at the bottom.
  const end = rest.findIndex((l) => l.startsWith('## ') || /^\[[^\]]+\]: /.test(l));
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  return { ...(date ? { date } : {}), body };
}

/** The URL the schemas of one major version are published at: the file on the moving major tag. */
export function schemaUrl(major: number, file: string): string {
  return `https://raw.githubusercontent.com/${ACTION_REPOSITORY}/v${major}/schemas/${file}`;
}

export interface ReleaseFacts {
  tag: string;
  packageVersion: string;
  actionVersion: string;
  /** `$id` of each schema file, by file name. */
  schemaIds: Record<string, string | undefined>;
  changelog: string;
}

/** Everything that stops `tag` from being released; empty when it may go out. */
export function releaseProblems(facts: ReleaseFacts): string[] {
  const m = TAG.exec(facts.tag);
  if (!m) return [`tag "${facts.tag}" is not v<major>.<minor>.<patch>[-prerelease]`];
  const version = facts.tag.slice(1);
  const major = Number(m[1]);
  const problems: string[] = [];
  if (major < 1) problems.push(`tag ${facts.tag}: releases start at v1.0.0 (the README pins @v1)`);
  if (facts.packageVersion !== version)
    problems.push(`package.json version is ${facts.packageVersion}, the tag says ${version}`);
  if (facts.actionVersion !== version)
    problems.push(`src/version.ts ACTION_VERSION is ${facts.actionVersion}, the tag says ${version}`);
  for (const [file, id] of Object.entries(facts.schemaIds)) {
    if (id !== schemaUrl(major, file))
      problems.push(`schemas/${file} $id is ${id ?? 'missing'}, not ${schemaUrl(major, file)}`);
  }
  const section = changelogSection(facts.changelog, version);
  if (!section) problems.push(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section`);
  else if (!section.date || !/^\d{4}-\d{2}-\d{2}$/.test(section.date))
    problems.push(`CHANGELOG.md section ${version} has no release date (found "${section.date ?? ''}")`);
  else if (section.body === '') problems.push(`CHANGELOG.md section ${version} is empty`);
  return problems;
}

function readFacts(root: string, tag: string): ReleaseFacts {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const id = (file: string) => (JSON.parse(read(`schemas/${file}`)) as { $id?: string }).$id;
  return {
    tag,
    packageVersion: (JSON.parse(read('package.json')) as { version: string }).version,
    actionVersion: ACTION_VERSION,
    schemaIds: Object.fromEntries(
      readdirSync(join(root, 'schemas'))
        .filter((f) => f.endsWith('.schema.json'))
        .map((f) => [f, id(f)]),
    ),
    changelog: read('CHANGELOG.md'),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const tag = process.argv[2] ?? '';
  const root = resolve(import.meta.dirname, '..');
  const facts = readFacts(root, tag);
  const problems = releaseProblems(facts);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`release ${tag}: ${p}\n`);
    process.exit(1);
  }
  process.stdout.write(`${changelogSection(facts.changelog, tag.slice(1))?.body ?? ''}\n`);
}
