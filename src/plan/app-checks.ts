/**
 * The plan's application checks, normalised: DRS post-launch actions (`postLaunch`, wave and server)
 * and wave `checks` (SSM Run Command). Defaults are filled in here so the engine never guesses.
 */

import { parseDuration } from '../core/durations.js';
import type { SourcePosition } from '../errors.js';
import type { LaunchActionCategory, PostLaunchAction, WaveCheck } from './types.js';

export interface RawPostLaunchAction {
  action: string;
  name?: string;
  parameters?: Record<string, string>;
  optional?: boolean;
  category?: LaunchActionCategory;
  order?: number;
  description?: string;
}

export interface RawCheck {
  name: string;
  document?: string;
  commands?: string[];
  parameters?: Record<string, string | string[]>;
  timeout?: string | number;
  on?: 'every' | 'any';
}

export const CHECK_DEFAULTS = {
  document: 'AWS-RunShellScript',
  timeoutSeconds: 10 * 60,
  on: 'every' as const,
};

/** First post-launch order the action hands out, above what people usually pick by hand. */
const FIRST_ORDER = 1000;

/** A DRS action name from a document name or ARN (DRS names allow no ':'). */
export function actionNameOf(document: string): string {
  const last = document.split('/').pop() ?? document;
  return last.replace(/:/g, '-');
}

function postLaunchOf(raw: readonly RawPostLaunchAction[], offset: number): PostLaunchAction[] {
  return raw.map((a, i) => ({
    name: a.name ?? actionNameOf(a.action),
    action: a.action,
    parameters: Object.fromEntries(Object.entries(a.parameters ?? {})),
    optional: a.optional ?? false,
    category: a.category ?? 'VALIDATION',
    order: a.order ?? FIRST_ORDER + offset + i,
    description: a.description ?? '',
  }));
}

/** The wave's actions, then the server's: a server entry replaces the wave's action of the same name. */
export function mergePostLaunch(
  wave: readonly RawPostLaunchAction[] | undefined,
  server: readonly RawPostLaunchAction[] | undefined,
): PostLaunchAction[] {
  const fromWave = postLaunchOf(wave ?? [], 0);
  const fromServer = postLaunchOf(server ?? [], fromWave.length);
  const replaced = new Set(fromServer.map((a) => a.name));
  return [...fromWave.filter((a) => !replaced.has(a.name)), ...fromServer];
}

/** Checks with defaults; `commands` becomes the shell documents' `commands` parameter. */
export function checksOf(
  raw: readonly RawCheck[] | undefined,
  positions: readonly SourcePosition[],
): WaveCheck[] {
  return (raw ?? []).map((c, i) => {
    const parameters: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(c.parameters ?? {})) parameters[k] = Array.isArray(v) ? [...v] : [v];
    if (c.commands) parameters.commands = [...c.commands];
    return {
      name: c.name,
      document: c.document ?? CHECK_DEFAULTS.document,
      parameters,
      timeoutSeconds:
        c.timeout === undefined
          ? CHECK_DEFAULTS.timeoutSeconds
          : (parseDuration(c.timeout) ?? CHECK_DEFAULTS.timeoutSeconds),
      on: c.on ?? CHECK_DEFAULTS.on,
      position: positions[i] ?? { file: '', line: 1, col: 1 },
    };
  });
}
