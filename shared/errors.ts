/**
 * Errors are data with a stable string code (classes do not survive `callFunction`).
 * Domain code throws `AppError` for expected failures; the function wrapper turns it into
 * `{ code, message }`. Anything else is a bug: logged, and returned as `SYSTEM.INTERNAL`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** What every cloud function returns. */
export type Reply<T> = { code: 0; data: T } | { code: string; message: string; details?: Record<string, unknown> };

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
