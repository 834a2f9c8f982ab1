import type { SourcePosition } from './errors.js';

/**
 * The outside world of a run, as the modes see it: the GitHub toolkit in the action (main.ts),
 * the terminal in the CLI, a recorder in tests. Keeps the modes free of @actions/core.
 */
export interface ActionIO {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string, position?: Partial<SourcePosition> & { title?: string }): void;
  error(message: string, position?: Partial<SourcePosition> & { title?: string }): void;
  debug(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  setOutput(name: string, value: string): void;
  /** Masks a value in every later log line. */
  setSecret(value: string): void;
  /** Keeps a value for the post step. */
  saveState(name: string, value: string): void;
  getState(name: string): string;
  /** Appends Markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>;
}

/** GitHub shows about 10 annotations of each kind per step; the rest are aggregated into one. */
export const MAX_ANNOTATIONS_PER_KIND = 10;
