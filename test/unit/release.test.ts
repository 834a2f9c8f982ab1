import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { changelogSection, releaseProblems, schemaUrl } from '../../scripts/release-notes.js';
import { USER_AGENT } from '../../src/aws/clients.js';
import { ACTION_REPOSITORY, ACTION_VERSION } from '../../src/version.js';

const root = resolve(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const schemaId = (file: string) => (JSON.parse(read(`schemas/${file}`)) as { $id?: string }).$id;

describe('one repository name everywhere', () => {
  it('README and example workflows use it, pinned to the major tag', () => {
    const uses = [
      read('README.md'),
      ...readdirSync(join(root, 'examples', 'workflows')).map((f) => read(`examples/workflows/${f}`)),
    ].flatMap((text) => [...text.matchAll(/uses: (\S*drs-drill-action\S*)/g)].map((m) => m[1]));
    expect(uses.length).toBeGreaterThan(4);
    expect(new Set(uses)).toEqual(new Set([`${ACTION_REPOSITORY}@v1`]));
    // Every <owner>/drs-drill-action the docs mention is the one repository.
    for (const doc of ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'SECURITY.md']) {
      const owners = [...read(doc).matchAll(/(?<![\w.-])([\w-]+)\/drs-drill-action\b/g)].map((m) => m[0]);
      expect(new Set(owners), doc).toEqual(new Set(owners.length > 0 ? [ACTION_REPOSITORY] : []));
    }
  });

  it('the schemas are published at the per-major URL of that repository', () => {
    expect(schemaId('plan.schema.json')).toBe(schemaUrl(1, 'plan.schema.json'));
    expect(schemaId('report.schema.json')).toBe(schemaUrl(1, 'report.schema.json'));
    expect(schemaUrl(1, 'plan.schema.json')).toBe(
      `https://raw.githubusercontent.com/${ACTION_REPOSITORY}/v1/schemas/plan.schema.json`,
    );
    expect(read('README.md')).toContain(schemaUrl(1, 'plan.schema.json'));
  });

  it('package.json, the CHANGELOG links and the user agent name it', () => {
    const pkg = JSON.parse(read('package.json')) as { repository: { url: string }; version: string };
    expect(pkg.repository.url).toBe(`git+https://github.com/${ACTION_REPOSITORY}.git`);
    for (const [, url] of read('CHANGELOG.md').matchAll(/^\[[^\]]+\]: (\S+)$/gm)) {
      expect(url).toMatch(new RegExp(`^https://github\\.com/${ACTION_REPOSITORY}/`));
    }
    expect(USER_AGENT).toBe(`${ACTION_REPOSITORY.split('/')[1]}/${ACTION_VERSION}`);
    expect(ACTION_VERSION).toBe(pkg.version);
  });
});

const CHANGELOG = `# Changelog

## [Unreleased]

## [1.2.0] - 2026-03-01

### Added

- A thing.

## [1.1.0] - 2026-02-01

- Older.

[Unreleased]: https://example/compare/v1.2.0...HEAD
[1.2.0]: https://example/releases/tag/v1.2.0
`;

describe('release notes and checks (scripts/release-notes.ts)', () => {
  const good = {
    tag: 'v1.2.0',
    packageVersion: '1.2.0',
    actionVersion: '1.2.0',
    schemaIds: { 'plan.schema.json': schemaUrl(1, 'plan.schema.json') },
    changelog: CHANGELOG,
  };

  it('takes the notes from the version’s CHANGELOG section', () => {
    expect(changelogSection(CHANGELOG, '1.2.0')).toEqual({
      date: '2026-03-01',
      body: '### Added\n\n- A thing.',
    });
    expect(changelogSection(CHANGELOG, '1.1.0')?.body).toBe('- Older.');
    expect(changelogSection(CHANGELOG, '1.3.0')).toBeUndefined();
    expect(releaseProblems(good)).toEqual([]);
  });

  it('refuses a tag whose versions, schema URL or CHANGELOG section disagree', () => {
    expect(releaseProblems({ ...good, tag: '1.2.0' })).toEqual([
      'tag "1.2.0" is not v<major>.<minor>.<patch>[-prerelease]',
    ]);
    expect(releaseProblems({ ...good, packageVersion: '1.1.0', actionVersion: '1.1.0' })).toEqual([
      'package.json version is 1.1.0, the tag says 1.2.0',
      'src/version.ts ACTION_VERSION is 1.1.0, the tag says 1.2.0',
    ]);
    expect(
      releaseProblems({ ...good, schemaIds: { 'plan.schema.json': schemaUrl(2, 'plan.schema.json') } }),
    ).toEqual([
      `schemas/plan.schema.json $id is ${schemaUrl(2, 'plan.schema.json')}, not ${schemaUrl(1, 'plan.schema.json')}`,
    ]);
    expect(
      releaseProblems({ ...good, changelog: CHANGELOG.replace('## [1.2.0] - 2026-03-01', '## [1.2.0]') }),
    ).toEqual(['CHANGELOG.md section 1.2.0 has no release date (found "")']);
    expect(
      releaseProblems({ ...good, tag: 'v0.9.0', packageVersion: '0.9.0', actionVersion: '0.9.0' }),
    ).toContain('tag v0.9.0: releases start at v1.0.0 (the README pins @v1)');
  });

  it('this repository is ready for v1.0.0 once the version and the CHANGELOG heading are set', () => {
    const changelog = read('CHANGELOG.md').replace('## [Unreleased]', '## [1.0.0] - 2026-12-01');
    expect(
      releaseProblems({
        tag: 'v1.0.0',
        packageVersion: '1.0.0',
        actionVersion: '1.0.0',
        schemaIds: {
          'plan.schema.json': schemaId('plan.schema.json'),
          'report.schema.json': schemaId('report.schema.json'),
        },
        changelog,
      }),
    ).toEqual([]);
  });
});

describe('.github/workflows/release.yml', () => {
  const workflow = parse(read('.github/workflows/release.yml')) as {
    on: { push: { tags: string[] } };
    permissions: Record<string, string>;
    jobs: Record<
      string,
      { steps: { uses?: string; run?: string; if?: string; env?: Record<string, string> }[] }
    >;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const runs = steps.map((s) => s.run ?? '').join('\n');

  it('runs on version tags, with write access to contents only', () => {
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.permissions).toEqual({ contents: 'write' });
  });

  it('checks versions and the CHANGELOG first, then dist freshness and the tests, then releases and moves the major tag', () => {
    const at = (text: string) => steps.findIndex((s) => (s.run ?? '').includes(text));
    expect(at('npm ci')).toBeGreaterThanOrEqual(0);
    expect(at('scripts/release-notes.ts')).toBeGreaterThan(at('npm ci'));
    // .ci/run: install, typecheck, lint, actionlint, dist/ is a fresh build of src/, smoke run, tests.
    expect(at('bash .ci/run')).toBeGreaterThan(at('scripts/release-notes.ts'));
    expect(read('.ci/run')).toContain('dist/ differs from a fresh build of src/');
    expect(at('gh release create')).toBeGreaterThan(at('bash .ci/run'));
    expect(runs).toContain('--notes-file "$RUNNER_TEMP/release-notes.md"');
    const move = steps[at('git push --force origin "refs/tags/$major"')];
    expect(move?.if).toContain("!contains(github.ref_name, '-')");
    // Event data reaches scripts through env, never spliced into them.
    expect(runs).not.toContain('${{');
  });
});
