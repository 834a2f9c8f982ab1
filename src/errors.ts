/** Where in a file a problem is; lines and columns are 1-based, as editors and annotations count them. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/**
 * A mistake the user can fix (plan, inputs, credentials, an AWS answer that rules the run out).
 * It ends the run with a clear message and an annotation, never a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly position?: SourcePosition,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** The message of anything thrown, without a stack. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
