/** The shapes every CLI command shares: where it writes, its exit codes, a usage mistake. */

/** Where a command writes and from where it resolves paths; tests pass collectors. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** One subcommand; every one is listed in `COMMANDS` (src/cli.ts), and the help lists exactly those. */
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text, printed for `drs-drill <command> --help`. */
  help: string;
  /** Exit code: 0 ok, 1 failure, 2 usage error. */
  run(args: string[], io: CliIo): Promise<number>;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
