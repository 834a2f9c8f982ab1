import { describe, expect, it } from 'vitest';
import { drillIsolationFindings, drillView } from '../../../src/engine/drill-preflight.js';
import type { ServerFacts } from '../../../src/engine/preflight-server.js';
import type { DrillSettings } from '../../../src/plan/types.js';
import { sourceServer, spec } from '../../support/builders.js';

function facts(drill: DrillSettings, copyPrivateIp = true): ServerFacts {
  const id = 's-1111111111111111a';
  return {
    rs: {
      sourceServerId: id,
      spec: spec({ kind: 'id', sourceServerId: id }, { drill, launch: { copyPrivateIp } }),
      sourceServer: sourceServer(id),
    },
    wave: 'data',
    launchConfig: { sourceServerID: id, ec2LaunchTemplateID: 'lt-1', copyPrivateIp },
    template: {
      VersionNumber: 1,
      LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-prod' }] },
    },
  };
}

describe('drill preflight', () => {
  it('warns when the drill takes the source IP into the recovery subnet with nothing isolating it', () => {
    const [warning] = drillIsolationFindings(facts({}));
    expect(warning?.level).toBe('warning');
    expect(warning?.message).toContain('recovery subnet subnet-prod');
    expect(warning?.fix).toContain('drill:');
    expect(drillIsolationFindings(facts({ tags: { Environment: 'drill' } }))).toHaveLength(1);
    expect(drillIsolationFindings(facts({ subnetId: 'subnet-prod' }))).toHaveLength(1);
  });

  it('is quiet when a drill override isolates it, or the IP is not copied', () => {
    expect(drillIsolationFindings(facts({ subnetId: 'subnet-drill' }))).toEqual([]);
    expect(drillIsolationFindings(facts({ copyPrivateIp: false }))).toEqual([]);
    expect(drillIsolationFindings(facts({}, false))).toEqual([]);
  });

  it('checks the drill as it launches: the overrides over the recovery settings', () => {
    const view = drillView(
      facts({ subnetId: 'subnet-drill', instanceType: 't3.small', copyPrivateIp: false }),
    );
    expect(view.rs.spec.template).toMatchObject({ subnetId: 'subnet-drill', instanceType: 't3.small' });
    expect(view.rs.spec.launch).toMatchObject({ copyPrivateIp: false, rightSizing: 'NONE' });
    const plain = facts({});
    expect(drillView(plain)).toBe(plain);
  });
});
