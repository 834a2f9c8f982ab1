/**
 * The input point-in-time: an ISO 8601 instant with its offset (`2026-03-01T04:00:00Z`,
 * `2026-03-01T05:00:00+01:00`). Parsed once, shared by the action and the CLI.
 */
import { UserError } from '../errors.js';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant as a UTC ISO string, or undefined when empty. A date without a time or an offset is
 * refused: "the last clean moment" must not depend on the runner's time zone.
 */
export function parsePointInTime(value: string, name = 'input point-in-time'): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const m = SHAPE.exec(text);
  const [year, month, day] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const fits = m !== null && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
  if (!fits || Number.isNaN(ms)) {
    throw new UserError(
      `${name}: "${text.slice(0, 60)}" is not an ISO 8601 time with an offset, e.g. 2026-03-01T04:00:00Z`,
    );
  }
  return new Date(ms).toISOString();
}
