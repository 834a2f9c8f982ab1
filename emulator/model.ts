/**
 * The official DRS Smithy model, read at start-up: routes (http trait) and input validation come
 * from it, so the emulator rejects exactly what the model's constraints reject.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NS = 'com.amazonaws.drs#';

interface ShapeRef {
  target: string;
  traits?: Record<string, unknown>;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  input?: { target: string };
  traits?: Record<string, unknown>;
}
export interface DrsModel {
  shapes: Record<string, Shape>;
  /** Operation names by HTTP method and URI template from the model, e.g. POST /StartRecovery. */
  operations: { name: string; method: string; uri: string; code: number; input?: string }[];
}

export interface FieldError {
  name: string;
  message: string;
}

const MODEL_FILE = 'drs-2020-02-26.json';

/** The official model ships with the emulator (emulator/model/README.md); DRS_MODEL_PATH overrides it. */
export function defaultModelPath(): string {
  const fromEnv = process.env.DRS_MODEL_PATH;
  if (fromEnv) return fromEnv;
  // The directory of this module, or of the bundle chunk it is built into (dist/bundle/, where the
  // build copies model/). Written so that ncc leaves it alone: its asset relocation rewrites
  // `resolve(dirname(fileURLToPath(import.meta.url)), 'model', '<file>')` into a broken path, and
  // webpackIgnore keeps webpack from turning the URL into an asset of its own.
  const here = fileURLToPath(new URL(/* webpackIgnore: true */ '.', import.meta.url));
  return join(here, 'model', MODEL_FILE);
}

const cached = new Map<string, DrsModel>();

/** The Systems Manager model, copied in beside the DRS one (emulator/model/README.md). */
export function defaultSsmModelPath(): string {
  // Found like the DRS model (see defaultModelPath): ncc must leave this path alone too.
  const here = fileURLToPath(new URL(/* webpackIgnore: true */ '.', import.meta.url));
  return join(here, 'model', SSM_MODEL_FILE);
}

const SSM_MODEL_FILE = 'ssm-2014-11-06.json';

/**
 * A model whose operations are routed by name (AWS JSON 1.1, `X-Amz-Target: <prefix>.<Operation>`):
 * the same shapes and checks, operations listed by name with their input shape.
 */
export function loadJsonModel(path: string, namespace: string): DrsModel {
  const hit = cached.get(path);
  if (hit) return hit;
  const shapes = (JSON.parse(readFileSync(path, 'utf8')) as { shapes: Record<string, Shape> }).shapes;
  const operations: DrsModel['operations'] = [];
  for (const [id, shape] of Object.entries(shapes)) {
    if (shape.type !== 'operation' || !id.startsWith(namespace)) continue;
    operations.push({
      name: id.slice(namespace.length),
      method: 'POST',
      uri: '/',
      code: 200,
      input: shape.input?.target,
    });
  }
  const model = { shapes, operations };
  cached.set(path, model);
  return model;
}

export function loadModel(path = defaultModelPath()): DrsModel {
  const hit = cached.get(path);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`DRS model not found at ${path}; set DRS_MODEL_PATH to a copy of the DRS Smithy model`);
  }
  const shapes = (JSON.parse(text) as { shapes: Record<string, Shape> }).shapes;
  const operations: DrsModel['operations'] = [];
  for (const [id, shape] of Object.entries(shapes)) {
    if (shape.type !== 'operation') continue;
    const http = shape.traits?.['smithy.api#http'] as
      | { method: string; uri: string; code?: number }
      | undefined;
    if (!http) continue;
    operations.push({
      name: id.slice(NS.length),
      method: http.method,
      uri: http.uri,
      code: http.code ?? 200,
      input: shape.input?.target,
    });
  }
  const model = { shapes, operations };
  cached.set(path, model);
  return model;
}

/** Finds the operation for a request and the values of its path labels. */
export function matchOperation(
  model: DrsModel,
  method: string,
  path: string,
): { name: string; code: number; input?: string; labels: Record<string, string> } | undefined {
  for (const op of model.operations) {
    if (op.method !== method) continue;
    const uriPath = op.uri.split('?')[0] ?? op.uri;
    const names: string[] = [];
    const pattern = uriPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\+?\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    });
    const m = new RegExp(`^${pattern}$`).exec(path);
    if (!m) continue;
    const labels: Record<string, string> = {};
    names.forEach((n, i) => {
      labels[n] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { name: op.name, code: op.code, input: op.input, labels };
  }
  return undefined;
}

/** Checks a value against a shape the way the service's validation layer does. */
export function validateShape(model: DrsModel, shapeId: string, value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  checkValue(model, { target: shapeId }, value, '', errors);
  return errors;
}

function traitsOf(model: DrsModel, ref: ShapeRef): Record<string, unknown> {
  return { ...(model.shapes[ref.target]?.traits ?? {}), ...(ref.traits ?? {}) };
}

function describe(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 64 ? `${s.slice(0, 61)}...` : s;
}

function checkValue(
  model: DrsModel,
  ref: ShapeRef,
  value: unknown,
  path: string,
  errors: FieldError[],
): void {
  if (value === undefined || value === null) return;
  const shape = model.shapes[ref.target];
  const type = shape?.type ?? ref.target.replace('smithy.api#', '').toLowerCase();
  const traits = traitsOf(model, ref);
  const fail = (constraint: string): void => {
    errors.push({
      name: path,
      message: `Value '${describe(value)}' at '${path}' failed to satisfy constraint: ${constraint}`,
    });
  };
  const length = traits['smithy.api#length'] as { min?: number; max?: number } | undefined;
  const checkLength = (n: number): void => {
    if (!length) return;
    if (length.min !== undefined && n < length.min)
      fail(`Member must have length greater than or equal to ${length.min}`);
    else if (length.max !== undefined && n > length.max)
      fail(`Member must have length less than or equal to ${length.max}`);
  };
  switch (type) {
    case 'string': {
      if (typeof value !== 'string') {
        fail('Member must be a string');
        return;
      }
      checkLength([...value].length);
      const pattern = traits['smithy.api#pattern'] as string | undefined;
      if (pattern && !new RegExp(pattern, 'u').test(value))
        fail(`Member must satisfy regular expression pattern: ${pattern}`);
      const enumTrait = traits['smithy.api#enum'] as { value: string }[] | undefined;
      if (enumTrait && !enumTrait.some((e) => e.value === value))
        fail(`Member must satisfy enum value set: [${enumTrait.map((e) => e.value).join(', ')}]`);
      return;
    }
    case 'enum': {
      // Smithy 2.0 enum shapes (SSM's): the values are the members' enumValue traits.
      const values = Object.values(shape?.members ?? {}).map(
        (m) => (m.traits?.['smithy.api#enumValue'] as string | undefined) ?? '',
      );
      if (typeof value !== 'string' || !values.includes(value))
        fail(`Member must satisfy enum value set: [${values.join(', ')}]`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('Member must be a boolean');
      return;
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        fail('Member must be an integer');
        return;
      }
      const range = traits['smithy.api#range'] as { min?: number; max?: number } | undefined;
      if (range?.min !== undefined && value < range.min)
        fail(`Member must have value greater than or equal to ${range.min}`);
      else if (range?.max !== undefined && value > range.max)
        fail(`Member must have value less than or equal to ${range.max}`);
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        fail('Member must be a list');
        return;
      }
      checkLength(value.length);
      if (!shape?.member) return;
      value.forEach((item, i) => {
        checkValue(model, shape.member as ShapeRef, item, `${path}.${i + 1}.member`, errors);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        fail('Member must be a map');
        return;
      }
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(entries.length);
      for (const [k, v] of entries) {
        if (shape?.key) checkValue(model, shape.key, k, `${path}.key`, errors);
        if (shape?.value) checkValue(model, shape.value, v, `${path}.${k}`, errors);
      }
      return;
    }
    case 'structure':
    case 'union': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        fail('Member must be a structure');
        return;
      }
      const record = value as Record<string, unknown>;
      // Unknown members are ignored, as AWS services do.
      for (const [name, member] of Object.entries(shape?.members ?? {})) {
        const childPath = path ? `${path}.${name}` : name;
        const v = record[name];
        if ((v === undefined || v === null) && member.traits?.['smithy.api#required'] !== undefined) {
          errors.push({
            name: childPath,
            message: `Value null at '${childPath}' failed to satisfy constraint: Member must not be null`,
          });
          continue;
        }
        checkValue(model, member, v, childPath, errors);
      }
      return;
    }
    default:
      return;
  }
}

/** The standard summary line that heads a ValidationException message. */
export function validationMessage(errors: FieldError[]): string {
  const n = errors.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.map((e) => e.message).join('; ')}`;
}
