/**
 * Deterministic randomness. Jitter is derived from (seed, key) rather than drawn from one stream, so
 * a job's phase durations do not depend on how many other requests happened to arrive first.
 */

/** 32-bit FNV-1a: a stable hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A UUID-shaped id (8-4-4-4-12 hex) fixed by a text: launch action and run ids. */
export function uuidFrom(text: string): string {
  const h = [0, 1, 2, 3].map((i) => hash32(`${i}:${text}`).toString(16).padStart(8, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** mulberry32: a small seeded generator of floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value in [min, max] fixed by (seed, key). */
export function jitter(seed: number, key: string, min: number, max: number): number {
  const r = createRandom(hash32(`${seed}:${key}`))();
  return min + r * (max - min);
}

/** Generates ids of a given shape from a seeded stream, never repeating one. */
export class IdFactory {
  private readonly random: () => number;
  private readonly used = new Set<string>();
  constructor(seed: number) {
    this.random = createRandom(seed ^ 0x5bd1e995);
  }
  private chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }
  next(prefix: string, alphabet: string, n: number): string {
    for (;;) {
      const id = prefix + this.chars(alphabet, n);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
  /** Marks scenario ids as taken so generated ones never collide with them. */
  reserve(id: string): void {
    this.used.add(id);
  }
  jobId(): string {
    return this.next('drsjob-', ALNUM, 17);
  }
  instanceId(): string {
    return this.next('i-', HEX, 17);
  }
  snapshotId(): string {
    return this.next('pit-', ALNUM, 17);
  }
  requestId(): string {
    const h = this.chars(HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

const HEX = '0123456789abcdef';
const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';
