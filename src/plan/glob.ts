import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import { UserError } from '../errors.js';
import { refusalMessage, refusalOfPath } from './workspace.js';

/** Directories no plan lives in, and whose size would make a walk slow. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const GLOB_CHARS = /[*?{]/;

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * Regex for a glob over `/`-separated relative paths: `*` and `?` stay within a segment, `**` spans
 * segments, `{a,b}` alternates. Wildcards do not match a leading dot, as in shells.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const atSegmentStart = i === 0 || pattern[i - 1] === '/';
    if (ch === '*' && pattern[i + 1] === '*') {
      const wholeSegment = atSegmentStart && (pattern[i + 2] === '/' || i + 2 === pattern.length);
      if (wholeSegment && pattern[i + 2] === '/') {
        out += '(?:(?!\\.)[^/]*/)*';
        i += 2;
      } else if (wholeSegment) {
        out += '(?:(?!\\.)[^/]*(?:/(?!\\.)[^/]*)*)?';
        i += 1;
      } else {
        out += atSegmentStart ? '(?!\\.)[^/]*' : '[^/]*';
        i += 1;
      }
    } else if (ch === '*') out += atSegmentStart ? '(?!\\.)[^/]*' : '[^/]*';
    else if (ch === '?') out += atSegmentStart ? '(?!\\.)[^/]' : '[^/]';
    else if (ch === '{') {
      braces++;
      out += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (ch === ',' && braces > 0) out += '|';
    else out += escapeRegex(ch);
  }
  return new RegExp(`^${out}$`);
}

async function walk(dir: string, rel: string, found: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable directory simply holds no matches
  }
  for (const e of entries) {
    const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
    const childAbs = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) await walk(childAbs, childRel, found);
    } else if (e.isFile()) found.push(childRel);
    else if (e.isSymbolicLink()) {
      // Follow links to files only: linked directories can loop.
      const info = await stat(childAbs).catch(() => undefined);
      if (info?.isFile()) found.push(childRel);
    }
  }
}

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
  const files: string[] = [];
  await walk(baseAbs, '', files);
  const re = globToRegExp(rest);
  return files
    .filter((f) => re.test(f))
    .sort()
    .map((f) => (base === '' ? f : posix.join(base, f)));
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
