/**
 * Checked reading of scenario values (YAML turned into plain values): every mistake names its place,
 * `file:line:col` in a scenario file, and unknown keys are errors.
 */
import { ScenarioError } from './scenario.js';

export type Path = (string | number)[];
export type Obj = Record<string, unknown>;

export class Reader {
  constructor(
    private readonly file: string,
    private readonly where: (path: Path, atKey: boolean) => string,
  ) {}
  fail(path: Path, message: string, atKey = false): never {
    const field = path.length ? ` ${path.join('.')}` : '';
    throw new ScenarioError(`${this.where(path, atKey)}:${field} ${message}`);
  }
  obj(v: unknown, path: Path, allowed: string[]): Obj {
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'must be a mapping');
    for (const k of Object.keys(v as Obj)) {
      if (!allowed.includes(k))
        this.fail([...path, k], `is not a known field (expected one of: ${allowed.join(', ')})`, true);
    }
    return v as Obj;
  }
  list(v: unknown, path: Path): unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(path, 'must be a list');
    return v;
  }
  str(v: unknown, path: Path, pattern?: RegExp, fallback?: string): string {
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      this.fail(path, 'is required');
    }
    if (v instanceof Date) return v.toISOString();
    if (typeof v !== 'string' && typeof v !== 'number') this.fail(path, 'must be a string');
    const s = String(v);
    if (pattern && !pattern.test(s)) this.fail(path, `'${s}' does not match ${pattern.source}`);
    return s;
  }
  num(v: unknown, path: Path, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || Number.isNaN(v)) this.fail(path, 'must be a number');
    if (v < min || v > max) this.fail(path, `must be between ${min} and ${max}`);
    return v;
  }
  bool(v: unknown, path: Path, fallback: boolean): boolean {
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false');
    return v;
  }
  oneOf<T extends string>(v: unknown, path: Path, values: readonly T[], fallback: T): T {
    if (v === undefined || v === null) return fallback;
    if (!values.includes(v as T)) this.fail(path, `must be one of ${values.join(', ')}`);
    return v as T;
  }
  strMap(v: unknown, path: Path): Record<string, string> {
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'must be a mapping of strings');
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Obj)) out[k] = this.str(x, [...path, k]);
    return out;
  }
  get fileName(): string {
    return this.file;
  }
}

export const RE = {
  server: /^s-[0-9a-zA-Z]{17}$/,
  job: /^drsjob-[0-9a-zA-Z]{17}$/,
  instance: /^i-[0-9a-f]{8,17}$/,
  lt: /^lt-[0-9a-f]{8,17}$/,
  subnet: /^subnet-[0-9a-f]{8,17}$/,
  sg: /^sg-[0-9a-f]{8,17}$/,
  vpc: /^vpc-[0-9a-f]{8,17}$/,
  pit: /^pit-[0-9a-zA-Z]{17}$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  // The DRS model's patterns for LaunchActionName, SsmDocumentName and FailureReason.
  actionName: /^[A-Za-z0-9][A-Za-z0-9 /_-]*$/,
  ssmDocument: /^([A-Za-z0-9-/:])+$/,
  failureReason: /^[0-9a-zA-Z ():/.,'-_#*;]*$/,
  account: /^[0-9]{12}$/,
  cidr: /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/,
  ip: /^\d{1,3}(\.\d{1,3}){3}$/,
};
