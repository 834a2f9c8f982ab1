/**
 * Whether the workflow run behind an execution id (`<owner>/<repo>/<run id>`) is still in progress,
 * as the GitHub API says. Cleanup mode asks it so that another drill between two of its waves (no
 * DRS job active for a minute) is not mistaken for one that is over.
 */
import type { Octokit } from './comment.js';

/** `<owner>/<repo>/<run id>` → its parts, or undefined for anything else. */
export function parseExecutionId(
  executionId: string,
): { owner: string; repo: string; runId: number } | undefined {
  const m = /^([^/\s]+)\/([^/\s]+)\/(\d+)$/.exec(executionId);
  if (!m) return undefined;
  return { owner: m[1] ?? '', repo: m[2] ?? '', runId: Number(m[3]) };
}

/** True/false from the API; undefined when it cannot say (no token, no access, not a GitHub run id). */
export async function workflowRunInProgress(
  octokit: Octokit | undefined,
  executionId: string,
): Promise<boolean | undefined> {
  const id = parseExecutionId(executionId);
  if (!octokit || !id) return undefined;
  try {
    const { data } = await octokit.rest.actions.getWorkflowRun({
      owner: id.owner,
      repo: id.repo,
      run_id: id.runId,
    });
    return data.status !== 'completed';
  } catch {
    return undefined;
  }
}
