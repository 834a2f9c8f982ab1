/**
 * Plan files come from the workspace and nowhere else. A pull request controls the files in it,
 * symbolic links included, and whatever a plan file holds may end up quoted in an annotation, the
 * job summary or a PR comment: so a link that leads out of the workspace (or into `.git`, where
 * actions/checkout keeps its token) is refused before anything is read.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';

/** Why a path is refused; quotes nothing the path leads to. */
export type Refusal = 'outside' | 'link-outside' | 'git-dir';

const MESSAGES: Record<Refusal, string> = {
  outside: 'is outside the workspace; plan files must be in the repository checkout',
  'link-outside':
    'is a symbolic link that leads outside the workspace; it was not read (plan files must be in the repository checkout)',
  'git-dir': "is inside the repository's .git directory; it was not read (no plan lives there)",
};

export function refusalMessage(refusal: Refusal): string {
  return MESSAGES[refusal];
}

/** The path from `root` to `abs`, or undefined when `abs` is not below (or at) `root`. */
function below(root: string, abs: string): string[] | undefined {
  const rel = relative(root, abs);
  if (rel === '') return [];
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
  return rel.split(sep);
}

function segmentsRefusal(segments: string[] | undefined): Refusal | undefined {
  if (!segments) return 'outside';
  return segments.some((s) => s.toLowerCase() === '.git') ? 'git-dir' : undefined;
}

function placeRefusal(root: string, abs: string): Refusal | undefined {
  return segmentsRefusal(below(root, abs));
}

/** The same rule for a `/`-separated path in a commit's tree, relative to the workspace. */
export function refusalOfTreePath(path: string): Refusal | undefined {
  const normal = posix.normalize(path);
  const outside = posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../');
  return segmentsRefusal(outside ? undefined : normal.split('/'));
}

/** Why `path` (relative to `root`, or absolute) is refused by its text alone, before any link is followed. */
export function refusalOfPath(path: string, root: string): Refusal | undefined {
  return placeRefusal(resolve(root), resolve(root, path));
}

async function realRoot(root: string): Promise<string> {
  return realpath(root).catch(() => resolve(root));
}

/**
 * The real path of the file `path` names, when both the path as written and the file it reaches
 * (after every symbolic link) are inside `root` and outside `.git`. Filesystem errors (a missing file)
 * are thrown as they are, for the caller to report.
 */
export async function confinedRealPath(
  path: string,
  root: string,
): Promise<{ real: string } | { refused: Refusal }> {
  const asWritten = refusalOfPath(path, root);
  if (asWritten) return { refused: asWritten };
  const real = await realpath(resolve(root, path));
  const reached = placeRefusal(await realRoot(root), real);
  if (reached) return { refused: reached === 'outside' ? 'link-outside' : reached };
  return { real };
}
