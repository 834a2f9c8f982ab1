/*
 * Messages people read in annotations, the log and the summary: a server named once, durations as
 * people write them (`1h 30m`), never as `PT5400S` or `21600s`.
 */
import { describe, expect, it } from 'vitest';
import { evaluateWaveAtTimeout } from '../../../src/engine/outcome.js';
import { replicationFindings } from '../../../src/engine/resolve.js';
import { cleanupPolicyText } from '../../../src/modes/cleanup.js';
import { describeProblem } from '../../../src/modes/drill-setup.js';

describe('describeProblem', () => {
  it('names a server once when the preflight message already names it', () => {
    const text = describeProblem({
      sourceServerId: 's-1111111111111111a',
      hostname: 'db-01',
      wave: 'data',
      message: 'Source server s-1111111111111111a (db-01): replication state is STALLED, not CONTINUOUS',
      fix: 'Fix replication',
    });
    expect(text).toBe(
      'wave data: Source server s-1111111111111111a (db-01): replication state is STALLED, not CONTINUOUS — Fix replication',
    );
  });

  it('still says which server a message is about when the message does not', () => {
    expect(describeProblem({ sourceServerId: 's-1111111111111111a', message: 'busy' })).toBe(
      's-1111111111111111a: busy',
    );
  });
});

describe('durations in messages', () => {
  it('replication lag beyond the RPO reads as durations, not ISO-8601 or seconds', () => {
    const [finding] = replicationFindings(
      {
        sourceServerID: 's-1',
        dataReplicationInfo: { dataReplicationState: 'CONTINUOUS', lagDuration: 'PT1H30M' },
      },
      900,
    );
    expect(finding?.message).toBe("replication lag 1h 30m exceeds the plan's RPO of 15m");
  });

  it('a wave timeout and the cleanup policy say 6h, not 21600s', () => {
    const timedOut = evaluateWaveAtTimeout({
      waveName: 'data',
      timeoutSeconds: 21_600,
      servers: [
        {
          sourceServerId: 's-1',
          critical: true,
          outcome: { result: 'pending', health: 'pending' },
          waitingFor: 'DRS',
        },
      ],
    });
    expect(timedOut.error).toMatch(/^Wave "data" timed out after 6h/);
    expect(cleanupPolicyText(5400)).toBe('mode cleanup: drill instances older than 1h 30m');
  });
});
