import { type CliCommand, type CliIo, EXIT, UsageError } from './cli-io.js';
import { BREAK_GLASS_HELP, runBreakGlass } from './cli-run.js';
import { neutraliseLog } from './core/escape.js';
import { errorMessage, isUserError } from './errors.js';
import { runIamPolicy } from './iam/command.js';
import { expandPlanPaths, loadPlanFile } from './plan/load.js';
import { formatDiagnostic } from './plan/overview.js';
import type { Diagnostic } from './plan/types.js';
import { ACTION_VERSION } from './version.js';

export { type CliCommand, type CliIo, EXIT, UsageError } from './cli-io.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** GitHub workflow-command escaping, so annotations survive `%`, newlines, `:` and `,`. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function githubAnnotation(d: Diagnostic): string {
  const kind = d.severity === 'warning' ? 'warning' : 'error';
  return `::${kind} file=${escapeProperty(d.file)},line=${d.line},col=${d.col},title=${escapeProperty('drs plan')}::${escapeData(d.message)}`;
}

const VALIDATE_HELP = `Usage: drs-drill validate [--format text|github] <file|glob>...

Checks recovery plan files offline: YAML syntax, the plan schema and the semantic rules
(unique wave names, dependsOn targets and cycles, one wave per source server, wave size).
Arguments are paths or globs (quote globs: 'drs-plans/**/*.yaml'); commas and newlines separate several.

Prints file:line:col: message for every problem and a one-line summary.
  --format text     compiler-style lines (default)
  --format github   GitHub Actions annotations (::error file=...::message)
Exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;

async function runValidate(args: string[], io: CliIo): Promise<number> {
  let format: 'text' | 'github' = 'text';
  const patterns: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      patterns.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'github')
        throw new UsageError(`--format takes text or github, not ${JSON.stringify(value ?? '')}`);
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else patterns.push(arg);
  }
  if (patterns.length === 0) throw new UsageError('validate needs at least one plan file or glob');
  const files: string[] = [];
  for (const p of patterns) files.push(...(await expandPlanPaths(p, io.cwd)));
  const unique = [...new Set(files)];
  let errors = 0;
  let warnings = 0;
  let failedFiles = 0;
  for (const file of unique) {
    const result = await loadPlanFile(file, { cwd: io.cwd });
    const fileErrors = result.diagnostics.filter((d) => d.severity === 'error').length;
    errors += fileErrors;
    warnings += result.diagnostics.length - fileErrors;
    if (fileErrors > 0) failedFiles++;
    for (const d of result.diagnostics) {
      // File names and messages come from the repository: in CI a line must not become a workflow command.
      io.stdout.write(`${format === 'github' ? githubAnnotation(d) : neutraliseLog(formatDiagnostic(d))}\n`);
    }
  }
  const checked = plural(unique.length, 'plan file');
  const warned = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
  if (errors > 0)
    io.stdout.write(
      `${plural(errors, 'error')}${warned} in ${plural(failedFiles, 'file')} (${checked} checked)\n`,
    );
  else io.stdout.write(`${checked} valid${warned ? ` (${plural(warnings, 'warning')})` : ''}\n`);
  return errors > 0 ? EXIT.failed : EXIT.ok;
}

const IAM_POLICY_HELP = `Usage: drs-drill iam-policy --mode validate|drill|recovery|cleanup [options] [plan]

Prints the least-privilege IAM permission policy of the role that runs a mode, as JSON on stdout
(notes on stderr). With a plan, ARNs are scoped to the plan's region and accountId and iam:PassRole
names the instance profiles its templates set. See docs/iam/README.md.
  --region <region>     scope to this region (overrides the plan's)
  --account <id>        scope to this 12-digit account (overrides the plan's accountId)
  --trust               print the GitHub OIDC trust policy of that role instead:
                          recovery trusts an environment, validate pull requests, others a branch
  --repo <owner/name>   trust: the repository allowed to assume the role
  --branch <name>       trust: the branch (default main; validate default: pull requests)
  --environment <name>  trust: the GitHub environment (recovery; default disaster-recovery); with
                          --mode drill the branch and this environment (a job gated by approval)
Exit code: 0 printed, 1 plan has errors, 2 usage error.`;

const REHEARSE_HELP = `Usage: drs-drill rehearse <plan> [--scenario <file>] [--fail <server>]... [--throttle <rate>]

Rehearses a plan offline, before it touches AWS: starts a local AWS emulator on 127.0.0.1 with an
estate generated from the plan's selectors (ids, hostnames, tags, the subnets, groups and snapshots it
names), runs the action's bundle in drill mode against it at simulated speed and prints the job
summary the drill would write. Needs no AWS credentials and calls nothing outside this machine.
  --scenario <file>   use this emulator scenario (YAML) as the estate instead of a generated one
  --fail <server>     make this server's launch fail (source server id or hostname; repeatable)
  --throttle <rate>   throttle this fraction of the AWS calls, 0 to 1 (e.g. 0.2)
  --speed <n>         simulated seconds per real second (default 600)
Exit code: 0 the drill passed, 1 it failed (or the plan has errors), 2 usage error.`;

export const COMMANDS: CliCommand[] = [
  {
    name: 'validate',
    summary: 'check plan files offline (schema and semantic rules)',
    help: VALIDATE_HELP,
    run: runValidate,
  },
  {
    name: 'iam-policy',
    summary: 'print the least-privilege IAM policy (or OIDC trust policy) for a mode and plan',
    help: IAM_POLICY_HELP,
    run: runIamPolicy,
  },
  {
    name: 'rehearse',
    summary: 'rehearse a drill of the plan offline, against a local AWS emulator',
    help: REHEARSE_HELP,
    // Loaded on demand: the emulator is a chunk of its own that no other command reads.
    run: async (args: string[], io: CliIo) => (await import('./rehearse.js')).rehearse(args, io),
  },
  ...(['drill', 'recovery', 'cleanup'] as const).map((mode) => ({
    name: mode,
    summary: `break-glass: run the plan's ${mode === 'cleanup' ? 'drill-instance cleanup' : mode} from this terminal`,
    help: BREAK_GLASS_HELP[mode],
    run: (args: string[], io: CliIo) => runBreakGlass(mode, args, io),
  })),
];

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  // Said only while it is true: a terminal command that runs drills would make it false.
  const where = COMMANDS.some((c) => c.name === 'drill')
    ? ''
    : '\nDrills, recoveries and cleanups run in GitHub Actions, through the action.';
  return `Usage: drs-drill <command> [options]

The command line of the DRS drill action (AWS Elastic Disaster Recovery drills from a recovery plan).${where}

Commands:
${list}

Options:
  -h, --help     this help; drs-drill <command> --help for a command's options
  -v, --version  print the version (${ACTION_VERSION})`;
}

/** The CLI, in-process: returns the exit code instead of exiting. */
export async function main(argv: string[], cliIo: CliIo): Promise<number> {
  // Nothing on stderr is meant as a workflow command; error messages quote arguments and file names.
  const io: CliIo = {
    ...cliIo,
    stderr: { write: (text: string) => cliIo.stderr.write(neutraliseLog(text)) },
  };
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${ACTION_VERSION}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io[name === undefined ? 'stderr' : 'stdout'].write(`${generalHelp()}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`drs-drill: unknown command "${name}"\n\n${generalHelp()}\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`drs-drill ${name}: ${e.message}\n\n${command.help}\n`);
      return EXIT.usage;
    }
    if (isUserError(e)) {
      io.stderr.write(`drs-drill ${name}: ${e.message}\n`);
      return EXIT.failed;
    }
    io.stderr.write(`drs-drill ${name}: unexpected error (please report it): ${errorMessage(e)}\n`);
    return EXIT.failed;
  }
}

/** Runs the CLI against the real process: the bin shim calls this. */
export async function runCli(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
  });
}
