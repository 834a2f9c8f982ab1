import type { ActionIO } from '../io.js';
import { MAX_ANNOTATIONS_PER_KIND } from '../io.js';
import type { Diagnostic } from '../plan/types.js';

/**
 * Emits diagnostics as annotations at their line. Beyond what the UI shows, the rest are counted in one
 * last annotation that points to the job summary, where every diagnostic is listed.
 */
export function annotateDiagnostics(io: ActionIO, diagnostics: Diagnostic[]): void {
  for (const severity of ['error', 'warning'] as const) {
    const all = diagnostics.filter((d) => d.severity === severity);
    const shown = all.length > MAX_ANNOTATIONS_PER_KIND ? all.slice(0, MAX_ANNOTATIONS_PER_KIND - 1) : all;
    const emit = severity === 'error' ? io.error.bind(io) : io.warning.bind(io);
    for (const d of shown) {
      emit(d.message, { file: d.file, line: d.line, col: d.col, title: 'Recovery plan' });
    }
    const rest = all.length - shown.length;
    if (rest > 0) {
      emit(`${rest} more plan ${severity}s not shown here: every one is listed in the job summary.`, {
        title: 'Recovery plan',
      });
    }
  }
}
