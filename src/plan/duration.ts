/**
 * Plan durations: `90s`, `15m`, `1h30m`, `1h30m15s`, or a whole number of seconds (as a YAML
 * number or a string of digits). The same grammar is the `duration` pattern in the schema.
 */
export const DURATION_PATTERN = '^(?:[0-9]+|(?=[0-9])(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?)$';

const PARTS = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds, or undefined when the text is not a duration. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') {
    return Number.isSafeInteger(text) && text >= 0 ? text : undefined;
  }
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (t === '') return undefined;
  const m = PARTS.exec(t);
  if (!m) return undefined;
  const [, h, min, s] = m;
  const total = Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
  return Number.isSafeInteger(total) ? total : undefined;
}
