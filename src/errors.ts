/**
 * Errors a user can act on. Commands throw them; only the entry point turns them into a message
 * and an exit code, so no user ever sees a stack trace for a mistake they can fix.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** What the user can do about it, shown under the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Invalid input or a failed check: exit 1. */
export class UserError extends AppError {
  constructor(message: string, hint?: string) {
    super(message, 1, hint);
    this.name = 'UserError';
  }
}

/** Wrong usage, or an interactive command without a terminal: exit 2. */
export class UsageError extends AppError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
    this.name = 'UsageError';
  }
}

/** The user pressed Ctrl+C: exit 130, as shells expect after SIGINT. */
export class InterruptedError extends AppError {
  constructor(message = 'Interrupted.') {
    super(message, 130);
    this.name = 'InterruptedError';
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
