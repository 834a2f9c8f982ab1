// Written into dist/ by `npm run build` from scripts/shims/: edit it there.
import v8 from 'node:v8';

/**
 * Keeps the heap of a long run near what it holds live (bench/README.md, "Peak RSS at 500 servers").
 * Left alone, V8 doubles the young generation up to 32 MB (Node 20) or 128 MB (Node 24) and lets a
 * small old generation grow to several times what survived its last full collection; a 500-server
 * drill then peaks at 165 MB (Node 20) and 234 MB (Node 24) while 20–30 MB of it is live. Here the
 * young generation stays at the size start-up left it (growth factor 1) and the old one may grow by
 * 25 % past what survived. Cost: more, shorter collections (≈ 15 % more CPU over a whole drill, which
 * is mostly waiting for DRS).
 *
 * Called after the bundle's entry chunk is loaded, so start-up keeps V8's defaults. V8 reads both
 * flags at each collection, so setting them now takes effect (measured on Node 20 and 24; Node calls
 * flags set after start unsupported in general). Were a later V8 to drop one, it would print
 * "unrecognized flag" and keep its default: memory, not correctness, is at stake.
 */
export function keepHeapSmall() {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=25');
}
