/**
 * Durations as text: parsing what people and DRS write (`1h30m`, `2d`, `PT1M30S`) and formatting
 * seconds for people. Part of the one duration module: import it through src/core/durations.ts.
 */

/** A number of seconds worth showing: finite and not negative. */
function usable(seconds: number | undefined): seconds is number {
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0;
}

/** `45s`, `12m 05s`, `1h 02m`, `2d 3h`; `—` when there is nothing sensible to show. */
export function formatDuration(seconds: number | undefined): string {
  if (!usable(seconds)) return '—';
  const total = Math.round(seconds);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad2(m)}m`;
  if (m > 0) return `${m}m ${pad2(s)}s`;
  return `${s}s`;
}

/** A target as people write it: `45m`, `1h 30m`, `90s` → `1m 30s`; zero units are left out. */
export function formatTargetDuration(seconds: number | undefined): string {
  if (!usable(seconds)) return '—';
  const total = Math.round(seconds);
  if (total === 0) return '0s';
  const parts: string[] = [];
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  let rest = total;
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.join(' ');
}

function pad2(n: number): string {
  return n.toString().padStart(2, '0');
}

/**
 * Durations people write (plan fields, inputs): `90s`, `15m`, `1h30m`, `1h30m15s`, or a whole number
 * of seconds (a YAML number or a string of digits). The same grammar is the plan schema's `duration`
 * pattern; `days: true` (inputs such as max-age and older-than) also admits leading whole days, `2d`,
 * `1d12h`.
 */
export const DURATION_PATTERN = '^(?:[0-9]+|(?=[0-9])(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?)$';

const DURATION_PARTS = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const LEADING_DAYS = /^(\d+)d(.*)$/;

/** Seconds, or undefined when the text is not a duration. */
export function parseDuration(text: string | number, opts: { days?: boolean } = {}): number | undefined {
  if (typeof text === 'number') return Number.isSafeInteger(text) && text >= 0 ? text : undefined;
  const t = text.trim();
  const days = opts.days ? LEADING_DAYS.exec(t) : null;
  if (days) {
    const rest = days[2] ?? '';
    const seconds = rest === '' ? 0 : parseDuration(rest);
    const total = seconds === undefined ? undefined : Number(days[1]) * 86_400 + seconds;
    return total !== undefined && Number.isSafeInteger(total) ? total : undefined;
  }
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (t === '') return undefined;
  const m = DURATION_PARTS.exec(t);
  if (!m) return undefined;
  const [, h, min, s] = m;
  const total = Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
  return Number.isSafeInteger(total) ? total : undefined;
}

// PnYnMnWnDTnHnMnS; every part optional but at least one, `T` only when a time part follows.
const ISO_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Years and months have no fixed length; a replication lag that long is approximate anyway. */
const DURATION_UNIT_SECONDS = [365 * 86_400, 30 * 86_400, 7 * 86_400, 86_400, 3_600, 60, 1] as const;

/** Seconds in an ISO-8601 duration such as DRS's lagDuration (`PT1M30S`, `P1DT2H`), or undefined. */
export function parseIsoDuration(iso: string): number | undefined {
  if (typeof iso !== 'string') return undefined;
  const text = iso.trim().toUpperCase();
  if (text.endsWith('T')) return undefined;
  const m = ISO_DURATION.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1);
  if (parts.every((p) => p === undefined)) return undefined;
  let seconds = 0;
  parts.forEach((part, i) => {
    if (part !== undefined) seconds += Number(part.replace(',', '.')) * (DURATION_UNIT_SECONDS[i] ?? 0);
  });
  return Number.isFinite(seconds) ? seconds : undefined;
}
