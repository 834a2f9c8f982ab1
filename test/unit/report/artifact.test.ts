import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type ArtifactClientLike, artifactName, uploadReportArtifact } from '../../../src/report/artifact.js';

const githubEnv = {
  ACTIONS_RUNTIME_TOKEN: 'token-value',
  ACTIONS_RESULTS_URL: 'https://results.example/',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/dr',
  GITHUB_RUN_ID: '123456',
};

function recordingLog() {
  const notices: string[] = [];
  const warnings: string[] = [];
  return {
    notices,
    warnings,
    log: { notice: (m: string) => notices.push(m), warning: (m: string) => warnings.push(m) },
  };
}

describe('artifactName', () => {
  it('follows drs-<mode>-<plan>-<run id>-<attempt>', () => {
    expect(artifactName('drill', 'payments', '123456', 2)).toBe('drs-drill-payments-123456-2');
  });

  it('replaces characters the artifact service rejects', () => {
    const name = artifactName('drill', 'a/b\\c:d*e?f|g<h>"i j\nk', 1, 1);
    expect(name).toBe('drs-drill-a-b-c-d-e-f-g-h-i-j-k-1-1');
    expect(name).not.toMatch(/[":<>|*?\r\n\\/ ]/);
  });
});

describe('uploadReportArtifact', () => {
  const files = ['/tmp/r/report.json', '/tmp/r/report.md'];

  it('skips with a notice outside GitHub Actions and never calls the client', async () => {
    const client: ArtifactClientLike = { uploadArtifact: vi.fn() };
    const { notices, warnings, log } = recordingLog();
    const result = await uploadReportArtifact(files, '/tmp/r', 'drs-drill-demo-1-1', {
      client,
      env: {},
      log,
    });
    expect(result).toEqual({ uploaded: false });
    expect(client.uploadArtifact).not.toHaveBeenCalled();
    expect(notices).toEqual([
      expect.stringContaining('artifact "drs-drill-demo-1-1" not uploaded. The report is in /tmp/r'),
    ]);
    expect(warnings).toEqual([]);
  });

  it('skips when only one of the two runtime variables is set', async () => {
    const { notices, log } = recordingLog();
    const env = { ACTIONS_RUNTIME_TOKEN: 'x' };
    expect(
      await uploadReportArtifact(files, '/tmp/r', 'n', { client: { uploadArtifact: vi.fn() }, env, log }),
    ).toEqual({
      uploaded: false,
    });
    expect(notices).toHaveLength(1);
  });

  it('uploads both files under the name and returns the artifact link', async () => {
    const uploadArtifact = vi.fn(async () => ({ id: 42, size: 1234 }));
    const { notices, warnings, log } = recordingLog();
    const result = await uploadReportArtifact(files, '/tmp/r', 'drs-drill-demo-123456-1', {
      client: { uploadArtifact },
      env: githubEnv,
      log,
    });
    expect(uploadArtifact).toHaveBeenCalledWith('drs-drill-demo-123456-1', files, '/tmp/r');
    expect(result).toEqual({
      uploaded: true,
      id: 42,
      url: 'https://github.com/acme/dr/actions/runs/123456/artifacts/42',
    });
    expect(notices).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('turns an upload failure into a warning and keeps going', async () => {
    const uploadArtifact = vi.fn(async () => {
      throw new Error('Failed to CreateArtifact: 409 artifact already exists');
    });
    const { warnings, log } = recordingLog();
    const result = await uploadReportArtifact(files, '/tmp/r', 'n', {
      client: { uploadArtifact },
      env: githubEnv,
      log,
    });
    expect(result).toEqual({ uploaded: false });
    expect(warnings).toEqual([
      'Could not upload artifact "n": Failed to CreateArtifact: 409 artifact already exists. The report is still in /tmp/r.',
    ]);
  });

  it('uses the real @actions/artifact client by default; its failure is a warning, not a throw', async () => {
    // The real client reads process.env, which has no runtime token under vitest: it fails before any network.
    expect(process.env.ACTIONS_RUNTIME_TOKEN).toBeUndefined();
    const dir = await mkdtemp(join(tmpdir(), 'drs-artifact-'));
    const real = [join(dir, 'report.json'), join(dir, 'report.md')];
    for (const file of real) await writeFile(file, 'x');
    const { warnings, log } = recordingLog();
    const result = await uploadReportArtifact(real, dir, 'n', {
      env: { ...githubEnv, ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/' },
      log,
    });
    await rm(dir, { recursive: true, force: true });
    expect(result.uploaded).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('ACTIONS_RUNTIME_TOKEN')]);
  });
});
