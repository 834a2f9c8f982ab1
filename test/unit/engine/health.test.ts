import { describe, expect, it } from 'vitest';
import type { Instance, InstanceStatus } from '../../../src/aws/gateways.js';
import { evaluateHealth } from '../../../src/engine/health.js';

const instance = (state: string) => ({ InstanceId: 'i-1', State: { Name: state } }) as Instance;
const status = (instanceCheck: string, systemCheck: string) =>
  ({
    InstanceId: 'i-1',
    InstanceState: { Name: 'running' },
    InstanceStatus: { Status: instanceCheck },
    SystemStatus: { Status: systemCheck },
  }) as InstanceStatus;

describe('evaluateHealth', () => {
  it('none passes at launch', () => {
    expect(evaluateHealth({ check: 'none' })).toEqual({ state: 'passed' });
  });

  it('running needs the EC2 state running', () => {
    expect(evaluateHealth({ check: 'running', instance: instance('pending') })).toEqual({ state: 'pending' });
    expect(evaluateHealth({ check: 'running', instance: instance('running') })).toEqual({ state: 'passed' });
  });

  it('ec2-status needs both status checks ok', () => {
    const running = instance('running');
    expect(evaluateHealth({ check: 'ec2-status', instance: running })).toEqual({ state: 'pending' });
    expect(
      evaluateHealth({ check: 'ec2-status', instance: running, status: status('ok', 'initializing') }),
    ).toEqual({ state: 'pending' });
    expect(
      evaluateHealth({ check: 'ec2-status', instance: running, status: status('impaired', 'ok') }),
    ).toEqual({ state: 'pending' });
    expect(evaluateHealth({ check: 'ec2-status', instance: running, status: status('ok', 'ok') })).toEqual({
      state: 'passed',
    });
  });

  it('STOPPED disposition passes when the instance reached stopped', () => {
    expect(
      evaluateHealth({ check: 'ec2-status', launchDisposition: 'STOPPED', instance: instance('running') }),
    ).toEqual({ state: 'pending' });
    expect(
      evaluateHealth({ check: 'ec2-status', launchDisposition: 'STOPPED', instance: instance('stopped') }),
    ).toEqual({ state: 'passed' });
  });

  it('a terminated instance fails', () => {
    expect(evaluateHealth({ check: 'running', instance: instance('terminated') })).toEqual({
      state: 'failed',
      reason: 'the EC2 instance is terminated',
    });
  });
});
