/**
 * History tests: records made from the report fixtures, and the GitHub stub served on 127.0.0.1 with an
 * Octokit pointed at it.
 */
import { getOctokit } from '@actions/github';
import { createGithub } from '../../../emulator/github.js';
import { buildRecord, type HistoryRecord } from '../../../src/history/record.js';
import type { ActionIO } from '../../../src/io.js';
import { type LocalServer, serveHandlers } from '../github/local-server.js';
import { successReport } from '../report/fixtures.js';

export const REPOSITORY = 'acme/dr';
export const LOC = { owner: 'acme', repo: 'dr', branch: 'drs-drill-history' };

/** A record of plan `name`, started `day` days after 2026-01-01, with an RTO of `rtoSeconds`. */
export function record(
  day: number,
  rtoSeconds: number | undefined,
  opts: { name?: string; runId?: string; sha256?: string; recovered?: boolean } = {},
): HistoryRecord {
  const report = successReport();
  report.plan.name = opts.name ?? 'demo';
  if (opts.sha256) report.plan.sha256 = opts.sha256;
  const startMs = Date.UTC(2026, 0, 1) + day * 86_400_000;
  report.startedAt = new Date(startMs).toISOString();
  report.endedAt = new Date(startMs + 3_600_000).toISOString();
  const r = buildRecord(report, {
    runId: opts.runId ?? String(1000 + day),
    runAttempt: 1,
    reportSha256: 'b'.repeat(64),
  });
  if (rtoSeconds === undefined) delete r.rto.seconds;
  else r.rto.seconds = rtoSeconds;
  if (opts.recovered !== undefined) r.recovered = opts.recovered;
  return r;
}

export interface StubServer {
  github: ReturnType<typeof createGithub>;
  server: LocalServer;
  octokit: ReturnType<typeof getOctokit>;
  close(): Promise<void>;
}

export async function startStub(): Promise<StubServer> {
  const github = createGithub({ baseUrl: 'http://127.0.0.1:1/_github' });
  const server = await serveHandlers([github.handler]);
  const octokit = getOctokit('ghs_test', { baseUrl: `${server.url}/_github/api` });
  return { github, server, octokit, close: () => server.close() };
}

export interface RecordedIO extends ActionIO {
  warnings: { message: string; title?: string }[];
  infos: string[];
  summaries: string[];
  outputs: Record<string, string>;
}

/** An ActionIO that keeps what a mode said, for assertions. */
export function recordingIO(): RecordedIO {
  const io: RecordedIO = {
    warnings: [],
    infos: [],
    summaries: [],
    outputs: {},
    info: (m) => io.infos.push(m),
    notice: (m) => io.infos.push(m),
    warning: (m, p) => io.warnings.push({ message: m, ...(p?.title ? { title: p.title } : {}) }),
    error: () => {},
    debug: () => {},
    group: (_name, fn) => fn(),
    setOutput: (n, v) => {
      io.outputs[n] = v;
    },
    setSecret: () => {},
    saveState: () => {},
    getState: () => '',
    writeSummary: async (m) => {
      io.summaries.push(m);
    },
  };
  return io;
}
