/** What the runner tells a step about its workflow run, read from the environment once. */
export interface RunEnvironment {
  repository?: string;
  runId?: string;
  runAttempt: number;
  serverUrl: string;
  actor?: string;
  sha?: string;
  eventName?: string;
  eventPath?: string;
  workspace: string;
  /** GITHUB_JOB: the job's id in the workflow (a step of an execution over several jobs). */
  job?: string;
  /** True when the artifact service is reachable (we are on a runner). */
  onGitHub: boolean;
}

export function readRunEnvironment(env: NodeJS.ProcessEnv, cwd: string): RunEnvironment {
  return {
    repository: env.GITHUB_REPOSITORY || undefined,
    runId: env.GITHUB_RUN_ID || undefined,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || 1,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    actor: env.GITHUB_ACTOR || undefined,
    sha: env.GITHUB_SHA || undefined,
    eventName: env.GITHUB_EVENT_NAME || undefined,
    eventPath: env.GITHUB_EVENT_PATH || undefined,
    workspace: env.GITHUB_WORKSPACE || cwd,
    ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}),
    onGitHub: Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL),
  };
}

/** `<repository>/<run id>`: the same for every attempt of one workflow run, so a re-run can resume. */
export function executionIdOf(run: RunEnvironment): string {
  return `${run.repository ?? 'local'}/${run.runId ?? `local-${process.pid}`}`;
}

export function runUrlOf(run: RunEnvironment): string | undefined {
  if (!run.repository || !run.runId) return undefined;
  return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`;
}
