/**
 * DRS post-launch actions the plan wants, against what a server holds. Pure. Ours carry a marker at
 * the start of their description (and an actionId derived from the server and the action's name), so
 * an action someone added by hand — in the console or another tool — is never changed or removed.
 */
import { createHash } from 'node:crypto';
import type { LaunchAction, LaunchActionPut } from '../aws/gateways.js';
import type { PostLaunchAction } from '../plan/types.js';

/** Starts the description of every action this tool puts on a server. */
export const MANAGED_MARKER = 'Managed by drs-drill-action:';

/** Written by us: our marker starts its description. */
export function isManaged(action: LaunchAction): boolean {
  return (action.description ?? '').startsWith(MANAGED_MARKER);
}

/** A UUID (the form DRS requires) fixed by the server and the action's name: a re-sync replaces, never adds. */
export function managedActionId(sourceServerId: string, name: string): string {
  const h = createHash('sha256').update(`drs-drill-action\0${sourceServerId}\0${name}`).digest('hex');
  // Version 5-style layout: version nibble 5, variant bits 10.
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function desiredLaunchActions(
  sourceServerId: string,
  actions: readonly PostLaunchAction[],
): LaunchActionPut[] {
  return actions.map((a) => ({
    actionId: managedActionId(sourceServerId, a.name),
    actionCode: a.action,
    name: a.name,
    order: a.order,
    optional: a.optional,
    category: a.category,
    description: a.description ? `${MANAGED_MARKER} ${a.description}` : MANAGED_MARKER,
    parameters: { ...a.parameters },
  }));
}

/** What the report shows of an action: its document, parameters and how it counts. */
export function describeAction(a: LaunchActionPut | LaunchAction): string {
  const params = Object.entries(a.parameters ?? {}).map(([k, v]) => {
    const value = typeof v === 'string' ? v : (v?.value ?? '');
    return `${k}=${value}`;
  });
  const how = [a.optional ? 'optional' : 'required', `order ${a.order ?? '?'}`, a.category ?? 'OTHER'];
  return `${a.actionCode ?? '?'}${params.length ? ` (${params.join(', ')})` : ''} [${how.join(', ')}]`;
}

function sameAction(want: LaunchActionPut, have: LaunchAction): boolean {
  const params = Object.fromEntries(
    Object.entries(have.parameters ?? {}).map(([k, p]) => [k, p.value ?? '']),
  );
  const wantKeys = Object.keys(want.parameters).sort();
  return (
    have.actionCode === want.actionCode &&
    have.name === want.name &&
    have.order === want.order &&
    (have.optional ?? false) === want.optional &&
    have.category === want.category &&
    have.description === want.description &&
    have.active !== false &&
    JSON.stringify(wantKeys) === JSON.stringify(Object.keys(params).sort()) &&
    wantKeys.every((k) => params[k] === want.parameters[k])
  );
}

/** One action to write or remove, and how the report words it. */
export interface LaunchActionChange {
  kind: 'put' | 'delete';
  name: string;
  actionId: string;
  /** Present for `put`. */
  action?: LaunchActionPut;
  from: string | null;
  to: string | null;
}

/** The writes that bring `actual` to the plan: changed or missing actions put, ours the plan dropped deleted. */
export function diffLaunchActions(
  desired: readonly LaunchActionPut[],
  actual: readonly LaunchAction[],
): LaunchActionChange[] {
  const byId = new Map(actual.flatMap((a) => (a.actionId ? [[a.actionId, a] as const] : [])));
  const changes: LaunchActionChange[] = [];
  for (const want of desired) {
    const have = byId.get(want.actionId);
    if (have && sameAction(want, have)) continue;
    changes.push({
      kind: 'put',
      name: want.name,
      actionId: want.actionId,
      action: want,
      from: have ? describeAction(have) : null,
      to: describeAction(want),
    });
  }
  const wanted = new Set(desired.map((d) => d.actionId));
  for (const have of actual) {
    if (!isManaged(have) || !have.actionId || wanted.has(have.actionId)) continue;
    changes.push({
      kind: 'delete',
      name: have.name ?? have.actionId,
      actionId: have.actionId,
      from: describeAction(have),
      to: null,
    });
  }
  return changes;
}

/** Actions someone else put on the server that run beside ours (worth a line in the report). */
export function foreignActions(actual: readonly LaunchAction[]): LaunchAction[] {
  return actual.filter((a) => !isManaged(a));
}
