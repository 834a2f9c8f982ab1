/**
 * CPU time of a running process, all threads (V8 compiles and collects garbage on helper threads),
 * from /proc: the first field of /proc/<pid>/task/<tid>/schedstat is the nanoseconds a thread has
 * run. Linux only; `undefined` elsewhere or once the process is gone.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Nanoseconds on CPU from the text of one schedstat file ("<run ns> <wait ns> <slices>"). */
export function parseSchedstatNs(text: string): number | undefined {
  const first = text.trim().split(/\s+/)[0];
  const n = Number(first);
  return first !== undefined && first !== '' && Number.isFinite(n) ? n : undefined;
}

/** Sum of the threads' CPU time of `pid`, in ms. */
export function processCpuMs(pid: number): number | undefined {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      // A thread may end between the listing and the read: it counts as 0 (its time is lost; small).
      try {
        ns += parseSchedstatNs(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')) ?? 0;
      } catch {}
    }
    return ns / 1e6;
  } catch {
    return undefined;
  }
}
