/**
 * WaveChecks one step at a time against an in-memory SSM: registration waits, a lost SendCommand answer
 * looked up by its comment instead of sent twice, `on: any`, refusals, and the timeout's reasons.
 */
import { describe, expect, it } from 'vitest';
import type { CommandInvocation, SendCommandRequest, SsmGateway } from '../../../src/aws/gateways.js';
import { checkComment, checksOutcome, WaveChecks } from '../../../src/engine/checks.js';
import type { EngineLog } from '../../../src/engine/types.js';
import type { WaveCheck } from '../../../src/plan/types.js';

const log: EngineLog = { info() {}, warning() {}, error() {}, debug() {}, group: (_n, fn) => fn() };
const T0 = '2026-03-01T12:00:00.000Z';

class FakeSsm implements SsmGateway {
  online = new Set<string>();
  sent: (SendCommandRequest & { id: string })[] = [];
  results = new Map<string, CommandInvocation>();
  /** The next sends take effect but their answer is lost. */
  loseAnswers = 0;
  refuse?: Error;
  lookups = 0;
  async onlineInstances(ids: string[]) {
    return ids.filter((i) => this.online.has(i));
  }
  async sendCommand(r: SendCommandRequest) {
    if (this.refuse) throw this.refuse;
    const id = `cmd-${this.sent.length + 1}`;
    this.sent.push({ ...r, id });
    this.results.set(id, { instanceId: r.instanceIds[0]!, status: 'InProgress' });
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    }
    return id;
  }
  async findCommand(instanceId: string, comment: string) {
    this.lookups += 1;
    return this.sent.find((s) => s.comment === comment && s.instanceIds.includes(instanceId))?.id;
  }
  async listCommandInvocations(id: string) {
    const r = this.results.get(id);
    return r ? [r] : [];
  }
  finish(id: string, status: string, output = '') {
    const r = this.results.get(id)!;
    this.results.set(id, {
      ...r,
      status,
      responseCode: status === 'Success' ? 0 : 1,
      output,
      finishedAt: T0,
    });
  }
}

const check = (over: Partial<WaveCheck> = {}): WaveCheck => ({
  name: 'db answers',
  document: 'AWS-RunShellScript',
  parameters: { commands: ['pg_isready'] },
  timeoutSeconds: 300,
  on: 'every',
  position: { file: 'p.yaml', line: 1, col: 1 },
  ...over,
});
const targets = [
  { sourceServerId: 's-1', hostname: 'db-01', ec2InstanceId: 'i-0000000000000001' },
  { sourceServerId: 's-2', ec2InstanceId: 'i-0000000000000002' },
];
const make = (c = check()) =>
  new WaveChecks([c], targets, { executionId: 'o/r/1', waveName: 'data', startedMs: 0, startedAt: T0 });

describe('WaveChecks', () => {
  it('waits for registration, then sends once per instance; passes when every instance succeeded', async () => {
    const ssm = new FakeSsm();
    const checks = make();
    await checks.advance(ssm, 1000, T0, log);
    expect(ssm.sent).toEqual([]);
    expect(checks.reports[0]?.instances.map((i) => i.status)).toEqual(['NotRegistered', 'NotRegistered']);
    ssm.online.add('i-0000000000000001').add('i-0000000000000002');
    await checks.advance(ssm, 2000, T0, log);
    expect(ssm.sent.map((s) => s.comment)).toEqual([
      checkComment('o/r/1', 'data', 0, 'i-0000000000000001'),
      checkComment('o/r/1', 'data', 0, 'i-0000000000000002'),
    ]);
    expect(ssm.sent[0]!.comment.length).toBeLessThanOrEqual(100);
    ssm.finish('cmd-1', 'Success');
    ssm.finish('cmd-2', 'Success');
    await checks.advance(ssm, 3000, T0, log);
    expect(checks.done).toBe(true);
    expect(checksOutcome(checks.reports)).toEqual({ passed: true, passedAt: T0 });
    expect(ssm.sent).toHaveLength(2);
  });

  it('a lost SendCommand answer is found by its comment, never sent twice', async () => {
    const ssm = new FakeSsm();
    ssm.online.add('i-0000000000000001').add('i-0000000000000002');
    ssm.loseAnswers = 1;
    const checks = make();
    await checks.advance(ssm, 1000, T0, log);
    expect(ssm.sent).toHaveLength(2);
    expect(checks.reports[0]?.instances[0]?.commandId).toBeUndefined();
    await checks.advance(ssm, 2000, T0, log);
    expect(ssm.lookups).toBe(1);
    expect(ssm.sent).toHaveLength(2);
    expect(checks.reports[0]?.instances[0]?.commandId).toBe('cmd-1');
  });

  it('on: any passes with one instance; on: every fails on one with its exit code and first output line', async () => {
    const ssm = new FakeSsm();
    ssm.online.add('i-0000000000000001').add('i-0000000000000002');
    const any = make(check({ on: 'any' }));
    const every = make();
    await any.advance(ssm, 1000, T0, log);
    await every.advance(ssm, 1000, T0, log);
    ssm.finish('cmd-1', 'Failed', 'no response\nmore');
    ssm.finish('cmd-2', 'Success');
    ssm.finish('cmd-3', 'Failed', 'no response\nmore');
    await any.advance(ssm, 2000, T0, log);
    await every.advance(ssm, 2000, T0, log);
    expect(any.reports[0]?.status).toBe('passed');
    expect(every.reports[0]?.status).toBe('failed');
    expect(every.reports[0]?.error).toBe(
      'on i-0000000000000001 (db-01): Failed, exit code 1: no response; i-0000000000000002: InProgress (not waited for)',
    );
  });

  it('an unknown document is refused at once; unregistered and hung instances time out with their reasons', async () => {
    const refused = new FakeSsm();
    refused.online.add('i-0000000000000001').add('i-0000000000000002');
    refused.refuse = Object.assign(new Error('Document Nope does not exist'), {
      name: 'InvalidDocument',
      $fault: 'client',
    });
    const bad = make(check({ document: 'Nope' }));
    await bad.advance(refused, 1000, T0, log);
    expect(bad.reports[0]?.status).toBe('failed');
    expect(bad.reports[0]?.error).toContain(
      'SSM refused the command (InvalidDocument: Document Nope does not exist)',
    );

    const ssm = new FakeSsm();
    ssm.online.add('i-0000000000000001');
    const slow = make();
    await slow.advance(ssm, 1000, T0, log);
    expect(slow.nextDeadlineMs()).toBe(300_000);
    await slow.advance(ssm, 300_000, T0, log);
    expect(slow.reports[0]?.status).toBe('timed-out');
    expect(slow.reports[0]?.error).toBe(
      'on i-0000000000000001 (db-01): still InProgress after 5m (timed out); i-0000000000000002: SSM agent not registered within 5m',
    );
  });
});
