/**
 * An emulator estate that matches a plan (rehearse): every selector resolves to launchable source
 * servers — an id to that server, a hostname to one server of that name, a tag selector to two
 * servers carrying those tags — with the subnets and security groups the plan names (one VPC), the
 * snapshots it pins, and its account and region. Replication is CONTINUOUS with seconds of lag, so
 * what the rehearsal shows is the plan's own behaviour: waves, repair, timings, faults asked for.
 */
import type { Plan, Selector } from '../src/plan/types.js';
import { generateEstate } from './estate.js';
import type { Scenario, ScenarioServer, ScenarioTemplate } from './scenario.js';

const VPC = 'vpc-0ae0000000000000a';
const DEFAULT_SUBNET = 'subnet-0ae0000000000000a';
const DEFAULT_SG = 'sg-0ae0000000000000a';
/** Servers a tag selector stands for: more than one, as tags usually select a tier. */
const PER_TAG_SELECTOR = 2;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A generated server's hostname: what a hostname selector names, else one derived from the tags or id. */
function hostnameOf(selector: Selector, n: number): string {
  if (selector.kind === 'hostname')
    return selector.hostname.includes('.') ? selector.hostname : `${selector.hostname}.rehearse.internal`;
  if (selector.kind === 'id') return `${selector.sourceServerId}.rehearse.internal`;
  const label =
    Object.values(selector.tags)
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '') || 'server';
  return `${label}-${String(n).padStart(2, '0')}.rehearse.internal`;
}

/** The subnets the plan names (each a /24 of one VPC) and its security groups, plus a default pair. */
function network(plan: Plan) {
  const specs = plan.waves.flatMap((w) => w.servers);
  const subnetIds = [
    DEFAULT_SUBNET,
    ...new Set(specs.flatMap((s) => (s.template.subnetId ? [s.template.subnetId] : []))),
  ];
  const groupIds = [DEFAULT_SG, ...new Set(specs.flatMap((s) => s.template.securityGroupIds ?? []))];
  return {
    subnets: [...new Set(subnetIds)].map((subnetId, k) => ({
      subnetId,
      vpcId: VPC,
      cidr: `10.42.${k}.0/24`,
      availabilityZone: `${plan.region ?? 'us-east-1'}a`,
    })),
    securityGroups: [...new Set(groupIds)].map((groupId) => ({ groupId, vpcId: VPC, name: 'rehearse' })),
  };
}

/** The estate of a plan, on top of the emulator's defaults (timings, DRS behaviour, no faults). */
export function scenarioFromPlan(plan: Plan, startTime = '2025-06-02T09:00:00Z'): Scenario {
  const base = generateEstate(0, startTime);
  const net = network(plan);
  const cidrOf = new Map(net.subnets.map((s, k) => [s.subnetId, k]));
  const servers: ScenarioServer[] = [];
  const templates: ScenarioTemplate[] = [];
  const seen = new Set<string>();
  for (const wave of plan.waves) {
    for (const spec of wave.servers) {
      const count = spec.selector.kind === 'tags' ? PER_TAG_SELECTOR : 1;
      for (let c = 0; c < count; c++) {
        const n = servers.length;
        const id = spec.selector.kind === 'id' ? spec.selector.sourceServerId : `s-0ae${hex(n, 14)}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const subnetId = spec.template.subnetId ?? DEFAULT_SUBNET;
        const launchTemplateId = `lt-0ae${hex(n, 14)}`;
        templates.push({
          launchTemplateId,
          name: `drs-${id}`,
          defaultVersion: 1,
          versions: [
            { subnetId: DEFAULT_SUBNET, networkInterfaceGroupIds: [DEFAULT_SG], instanceType: 'm6i.large' },
          ],
        });
        const hostname = hostnameOf(spec.selector, n);
        servers.push({
          sourceServerID: id,
          hostname,
          fqdn: hostname,
          tags: spec.selector.kind === 'tags' ? { ...spec.selector.tags } : {},
          replicationState: 'CONTINUOUS',
          lagSeconds: 3 + (n % 8),
          snapshots: [
            ...(spec.snapshot
              ? [
                  {
                    snapshotID: spec.snapshot,
                    timestamp: new Date(Date.parse(startTime) - 3_600_000).toISOString(),
                  },
                ]
              : []),
            ...[50, 40, 30, 20, 10].map((m, k) => ({
              snapshotID: `pit-0ae${hex(n, 10)}${hex(k, 4)}`,
              timestamp: new Date(Date.parse(startTime) - m * 60_000).toISOString(),
            })),
          ],
          sourceIp: `10.42.${cidrOf.get(subnetId) ?? 0}.${10 + (n % 240)}`,
          launchTemplateId,
          launchDisposition: 'STARTED',
          rightSizing: 'NONE',
          copyPrivateIp: false,
          copyTags: false,
          osByol: false,
          launchActions: [],
        });
      }
    }
  }
  return {
    ...base,
    ...(plan.accountId ? { accountId: plan.accountId } : {}),
    ...(plan.region ? { region: plan.region } : {}),
    servers,
    launchTemplates: templates,
    ...net,
  };
}
