import { UserError } from '../errors.js';
import type { ActionIO } from '../io.js';
import { expandPlanPaths, loadPlanFile } from '../plan/load.js';
import type { Plan } from '../plan/types.js';
import { annotateDiagnostics } from '../report/annotations.js';

/** The one plan a drill, recovery or cleanup runs; any error in it stops the run before AWS is touched. */
export async function loadSinglePlan(io: ActionIO, pattern: string, workspace: string): Promise<Plan> {
  const paths = await expandPlanPaths(pattern, workspace);
  if (paths.length !== 1) {
    throw new UserError(
      `input plan must name exactly one plan file for this mode; "${pattern}" matches ${paths.length}: ${paths.slice(0, 5).join(', ')}`,
    );
  }
  const result = await loadPlanFile(paths[0]!, { cwd: workspace });
  annotateDiagnostics(io, result.diagnostics);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.plan) {
    const first = errors[0];
    throw new UserError(
      `The recovery plan ${result.file} has ${errors.length} error${errors.length === 1 ? '' : 's'}${first ? `; first: ${first.file}:${first.line}:${first.col}: ${first.message}` : ''}. Nothing was started.`,
    );
  }
  return result.plan;
}
