/** Checks an IAM policy document's shape the way IAM's grammar states it; returns the problems found. */
const CONDITION_OPERATOR =
  /^(ForAllValues:|ForAnyValue:)?(StringEquals|StringNotEquals|StringLike|StringNotLike|ArnEquals|ArnLike|Bool|NumericEquals|DateGreaterThan|Null)(IfExists)?$/;
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov):[a-z0-9-]+:[a-z0-9-*]*:(\d{12}|\*|<ACCOUNT_ID>)?:.+$/;
const CONDITION_KEY = /^([a-z0-9-]+|token\.actions\.githubusercontent\.com):[A-Za-z0-9/_:-]+$/;

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
}

export function policyShapeProblems(doc: unknown, kind: 'permissions' | 'trust'): string[] {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null) return ['not an object'];
  const d = doc as Record<string, unknown>;
  if (d.Version !== '2012-10-17') problems.push('Version must be 2012-10-17');
  const extra = Object.keys(d).filter((k) => k !== 'Version' && k !== 'Statement' && k !== 'Id');
  if (extra.length) problems.push(`unknown top-level keys ${extra.join(',')}`);
  if (!Array.isArray(d.Statement) || d.Statement.length === 0) return [...problems, 'Statement[] missing'];
  const sids = new Set<string>();
  d.Statement.forEach((raw, i) => {
    const at = `Statement[${i}]`;
    const s = raw as Record<string, unknown>;
    if (typeof s.Sid !== 'string' || !/^[A-Za-z0-9]+$/.test(s.Sid))
      problems.push(`${at}.Sid must be alphanumeric`);
    else if (sids.has(s.Sid)) problems.push(`${at}.Sid ${s.Sid} repeated`);
    else sids.add(s.Sid);
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') problems.push(`${at}.Effect`);
    const actions = typeof s.Action === 'string' ? [s.Action] : s.Action;
    if (!isStringList(actions)) problems.push(`${at}.Action must be a string or non-empty list`);
    else {
      for (const a of actions) if (!ACTION.test(a)) problems.push(`${at}.Action ${a} is not service:Action`);
      if (new Set(actions).size !== actions.length) problems.push(`${at}.Action has duplicates`);
      if (actions.some((a) => a.endsWith(':*'))) problems.push(`${at}.Action grants a whole service`);
    }
    const allowed = ['Sid', 'Effect', 'Action', 'Condition', kind === 'trust' ? 'Principal' : 'Resource'];
    const unknown = Object.keys(s).filter((k) => !allowed.includes(k));
    if (unknown.length) problems.push(`${at} unknown keys ${unknown.join(',')}`);
    if (kind === 'permissions') {
      const resources = typeof s.Resource === 'string' ? [s.Resource] : s.Resource;
      if (!isStringList(resources)) problems.push(`${at}.Resource must be a string or non-empty list`);
      else
        for (const r of resources)
          if (r !== '*' && !ARN.test(r)) problems.push(`${at}.Resource ${r} is not an ARN`);
    } else {
      const p = s.Principal as Record<string, unknown> | undefined;
      if (typeof p?.Federated !== 'string' || !ARN.test(p.Federated))
        problems.push(`${at}.Principal.Federated`);
    }
    if (s.Condition !== undefined) {
      if (typeof s.Condition !== 'object' || s.Condition === null) problems.push(`${at}.Condition`);
      else
        for (const [op, block] of Object.entries(s.Condition)) {
          if (!CONDITION_OPERATOR.test(op)) problems.push(`${at}.Condition operator ${op}`);
          if (typeof block !== 'object' || block === null || Object.keys(block).length === 0)
            problems.push(`${at}.Condition.${op} empty`);
          else
            for (const [key, value] of Object.entries(block)) {
              if (!CONDITION_KEY.test(key)) problems.push(`${at}.Condition key ${key}`);
              if (typeof value !== 'string' && !isStringList(value))
                problems.push(`${at}.Condition.${key} value`);
            }
        }
    }
  });
  return problems;
}

/** Request context for `allows`: condition keys and their values (a list for multi-valued keys). */
export type RequestContext = Record<string, string | string[]>;

function glob(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${re}$`).test(value);
}

function conditionHolds(op: string, key: string, expected: string | string[], ctx: RequestContext): boolean {
  const wanted = [expected].flat();
  const actual = ctx[key];
  if (op.startsWith('ForAllValues:')) {
    const base = op.slice('ForAllValues:'.length);
    // IAM: ForAllValues is true when the key is absent or every value matches one of the patterns.
    return [actual ?? []]
      .flat()
      .every((v) => wanted.some((w) => (base === 'StringLike' ? glob(w, v) : w === v)));
  }
  // IAM: Null "false" holds when the key is present (any value), "true" when it is absent.
  if (op === 'Null') return wanted.includes(actual === undefined ? 'true' : 'false');
  if (actual === undefined || Array.isArray(actual)) return false;
  if (op === 'StringEquals' || op === 'Bool') return wanted.includes(actual);
  if (op === 'StringLike') return wanted.some((w) => glob(w, actual));
  throw new Error(`test evaluator does not know ${op}`);
}

/** A small evaluator of Allow statements: enough to ask what a generated policy lets through. */
export function allows(doc: unknown, action: string, resource: string, ctx: RequestContext = {}): boolean {
  const statements = (doc as { Statement: Record<string, unknown>[] }).Statement;
  return statements.some((s) => {
    if (s.Effect !== 'Allow') return false;
    if (![s.Action].flat().some((a) => glob(String(a), action))) return false;
    if (![s.Resource].flat().some((r) => glob(String(r), resource))) return false;
    const cond = (s.Condition ?? {}) as Record<string, Record<string, string | string[]>>;
    return Object.entries(cond).every(([op, block]) =>
      Object.entries(block).every(([key, value]) => conditionHolds(op, key, value, ctx)),
    );
  });
}
