/**
 * The ActionIO of a run from a terminal (the break-glass CLI): progress on stdout, warnings and
 * errors on stderr with their plan position, groups as headings, outputs kept for the end, state in
 * memory, the summary printed. Secrets registered with setSecret are masked in every later line.
 */
import type { CliIo } from '../cli-io.js';
import { neutraliseLog } from '../core/escape.js';
import type { ActionIO } from '../io.js';

export interface TerminalIO extends ActionIO {
  outputs: Record<string, string>;
}

export function terminalIO(cli: CliIo, opts: { verbose: boolean }): TerminalIO {
  const secrets: string[] = [];
  const state = new Map<string, string>();
  const outputs: Record<string, string> = {};
  // Nothing printed may be taken for a workflow command if the CLI runs inside a workflow step.
  const clean = (text: string) => neutraliseLog(secrets.reduce((t, s) => t.split(s).join('***'), text));
  const where = (p?: { file?: string; line?: number; col?: number }) =>
    p?.file ? `${p.file}${p.line ? `:${p.line}${p.col ? `:${p.col}` : ''}` : ''}: ` : '';
  return {
    outputs,
    info: (m) => cli.stdout.write(`${clean(m)}\n`),
    notice: (m) => cli.stdout.write(`notice: ${clean(m)}\n`),
    warning: (m, p) => cli.stderr.write(`warning: ${clean(`${where(p)}${m}`)}\n`),
    error: (m, p) => cli.stderr.write(`error: ${clean(`${where(p)}${m}`)}\n`),
    debug: (m) => {
      if (opts.verbose) cli.stderr.write(`debug: ${clean(m)}\n`);
    },
    group: async (name, fn) => {
      cli.stdout.write(`\n== ${clean(name)} ==\n`);
      return fn();
    },
    setOutput: (n, v) => {
      outputs[n] = v;
    },
    setSecret: (v) => {
      if (v.length >= 4 && !secrets.includes(v)) secrets.push(v);
    },
    saveState: (n, v) => {
      state.set(n, v);
    },
    getState: (n) => state.get(n) ?? '',
    writeSummary: async (markdown) => {
      cli.stdout.write(`\n${clean(markdown)}\n`);
    },
  };
}
