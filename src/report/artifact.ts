import { errorMessage } from '../errors.js';

/** The part of @actions/artifact's client we use; tests pass a fake. */
export interface ArtifactClientLike {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: { retentionDays?: number; compressionLevel?: number },
  ): Promise<{ id?: number; size?: number }>;
}

export interface UploadDeps {
  client?: ArtifactClientLike;
  env: NodeJS.ProcessEnv;
  log: { notice(message: string): void; warning(message: string): void };
  /** Days GitHub keeps the artifact; the repository's default when absent. */
  retentionDays?: number;
}

export interface UploadResult {
  uploaded: boolean;
  id?: number;
  url?: string;
}

// Characters the artifact service rejects in names (NTFS limits), plus whitespace for readability.
const FORBIDDEN_IN_NAME = /[":<>|*?\r\n\\/\s]+/g;

/** `drs-<mode>-<plan>-<run id>-<attempt>`, with anything the artifact service refuses replaced. */
export function artifactName(
  mode: string,
  planName: string,
  runId: string | number,
  attempt: string | number,
): string {
  return `drs-${mode}-${planName}-${runId}-${attempt}`.replace(FORBIDDEN_IN_NAME, '-').replace(/-{2,}/g, '-');
}

/** The artifact's page in the run, when GitHub's environment says where the run is. */
export function artifactUrl(env: NodeJS.ProcessEnv, id: number): string | undefined {
  const server = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  const runId = env.GITHUB_RUN_ID;
  if (!server || !repository || !runId) return undefined;
  return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}/artifacts/${id}`;
}

/**
 * Uploads report.json and report.md as one artifact. Best effort: outside GitHub Actions it is
 * skipped with a notice, and a failed upload is a warning; either way the files stay in rootDir.
 */
export async function uploadReportArtifact(
  files: string[],
  rootDir: string,
  name: string,
  deps: UploadDeps,
): Promise<UploadResult> {
  // The runner gives these to JavaScript actions only; without them the client can only fail.
  if (!deps.env.ACTIONS_RUNTIME_TOKEN || !deps.env.ACTIONS_RESULTS_URL) {
    deps.log.notice(
      `Not running inside GitHub Actions (no ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL): artifact "${name}" not uploaded. The report is in ${rootDir}.`,
    );
    return { uploaded: false };
  }
  try {
    // Loaded only here: the artifact client (with Azure's storage SDK) is a large part of the bundle's
    // start-up time and memory, and most runs need it once, at the very end.
    const client = deps.client ?? new (await import('@actions/artifact')).DefaultArtifactClient();
    const response = deps.retentionDays
      ? await client.uploadArtifact(name, files, rootDir, { retentionDays: deps.retentionDays })
      : await client.uploadArtifact(name, files, rootDir);
    const result: UploadResult = { uploaded: true };
    if (response.id !== undefined) {
      result.id = response.id;
      const url = artifactUrl(deps.env, response.id);
      if (url) result.url = url;
    }
    return result;
  } catch (e) {
    deps.log.warning(
      `Could not upload artifact "${name}": ${errorMessage(e)}. The report is still in ${rootDir}.`,
    );
    return { uploaded: false };
  }
}
