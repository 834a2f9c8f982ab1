/**
 * Plan paths from globs, through tinyglobby (fdir + picomatch): `*`, `?`, `**`, `{a,b}` and character
 * classes, with wildcards not matching a leading dot, as in shells. The search starts at the glob's
 * literal directory, which must be inside the workspace; linked files are listed (loading checks
 * where they lead), linked directories are not followed (they can loop or lead out of the workspace).
 */
import { type Stats, stat } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import picomatch from 'picomatch';
import { type FileSystemAdapter, glob } from 'tinyglobby';
import { UserError } from '../errors.js';
import { refusalMessage, refusalOfPath } from './workspace.js';

/** Directories no plan lives in, and whose size would make a walk slow. */
const SKIPPED_DIRS = ['**/node_modules/**', '**/.git/**'];
const GLOB_CHARS = /[*?{[]/;

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** A matcher of `/`-separated relative paths, with the same rules as the plan search. */
export function globMatcher(pattern: string): (path: string) => boolean {
  return picomatch(pattern, { dot: false });
}

/**
 * The file system the search sees. The crawler stats only symbolic links' targets: a target that is a
 * directory is reported as unreadable, so the crawler skips it instead of following it.
 */
const LINKED_DIRECTORIES_NOT_FOLLOWED = {
  stat(path: string, callback: (error: NodeJS.ErrnoException | null, stats: Stats) => void): void {
    stat(path, (error, stats) => {
      if (error) return callback(error, stats);
      if (stats.isDirectory()) {
        return callback(
          Object.assign(new Error(`${path}: linked directory not followed`), { code: 'ENOTDIR' }),
          stats,
        );
      }
      callback(null, stats);
    });
  },
};

/** Splits a glob into the literal directory it starts from and the rest. */
function splitBase(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((s) => isGlob(s));
  const baseSegments = segments.slice(0, firstGlob);
  return { base: baseSegments.join('/'), rest: segments.slice(firstGlob).join('/') };
}

/** The glob relative to the directory it searches from, and that directory. */
function globParts(pattern: string, cwd: string): { base: string; rest: string; baseAbs: string } {
  const normalised = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const { base, rest } = splitBase(normalised);
  const baseAbs = isAbsolute(normalised) ? base || '/' : join(cwd, base);
  return { base, rest, baseAbs };
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const { base, rest, baseAbs } = globParts(pattern, cwd);
  const files = await glob(rest, {
    cwd: baseAbs,
    onlyFiles: true,
    dot: false,
    expandDirectories: false,
    followSymbolicLinks: true,
    // The adapter's type wants fs.stat's overloads; the crawler calls only the (path, callback) form.
    fs: LINKED_DIRECTORIES_NOT_FOLLOWED as unknown as FileSystemAdapter,
    ignore: SKIPPED_DIRS,
  });
  return files.sort().map((f) => (base === '' ? f : posix.join(base, f)));
}

/** Splits a list of paths/globs on newlines, and on commas outside `{a,b}` alternatives. */
export function splitList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (ch === '\n' || (ch === ',' && depth === 0)) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** A path or glob that names a place outside `cwd` (or in `.git`) is refused before anything is read or listed. */
function refuseOutside(part: string, cwd: string): void {
  const where = isGlob(part) ? globParts(part, cwd).baseAbs : part;
  const refusal = refusalOfPath(where, cwd);
  if (refusal) throw new UserError(`plan path "${part}" ${refusalMessage(refusal)}`);
}

/**
 * Plan paths from a path, a glob (`drs-plans/**\/*.yaml`) or several of either separated by
 * newlines or commas, all inside `cwd` (the workspace). Literal paths are returned as given, even when
 * missing (loading reports that); a glob that matches nothing is a `UserError`.
 */
export async function expandPlanPaths(patternOrPaths: string, cwd: string): Promise<string[]> {
  const parts = splitList(patternOrPaths);
  if (parts.length === 0) throw new UserError('no plan path given');
  const out: string[] = [];
  for (const part of parts) {
    refuseOutside(part, cwd);
    if (!isGlob(part)) {
      out.push(part);
      continue;
    }
    const matches = await expandGlob(part, cwd);
    if (matches.length === 0) throw new UserError(`no plan file matches "${part}" (searched from ${cwd})`);
    out.push(...matches);
  }
  return [...new Set(out)];
}
