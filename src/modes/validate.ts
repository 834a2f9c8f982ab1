import { annotateDiagnostics } from '../annotations.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import { expandPlanPaths, loadPlanFile } from '../plan/load.js';
import type { Diagnostic, Plan } from '../plan/types.js';
import { renderValidationSummary } from '../report/markdown.js';
import type { RunEnvironment } from '../run-env.js';

export interface PlanCheck {
  file: string;
  plan?: Plan;
  diagnostics: Diagnostic[];
}

export interface ValidateOutcome {
  checks: PlanCheck[];
  errors: number;
  warnings: number;
}

/** Loads and checks every plan the `plan` input names (a path or a glob), offline. */
export async function checkPlans(pattern: string, workspace: string): Promise<PlanCheck[]> {
  const paths = await expandPlanPaths(pattern, workspace);
  return Promise.all(paths.map((path) => loadPlanFile(path, { cwd: workspace })));
}

/** `mode: validate`: annotations at each line, a summary of every plan, failure on any error. */
export async function runValidate(
  io: ActionIO,
  inputs: ActionInputs,
  run: RunEnvironment,
): Promise<ValidateOutcome> {
  const checks = await checkPlans(inputs.plan, run.workspace);
  const diagnostics = checks.flatMap((c) => c.diagnostics);
  annotateDiagnostics(io, diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  await io.writeSummary(renderValidationSummary(checks));
  io.info(
    `Checked ${checks.length} plan file${checks.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  );
  return { checks, errors, warnings };
}
