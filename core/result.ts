import type { ErrorCode } from './errors'

/** The envelope every cloud function returns: expected failures are values, never thrown to the caller. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string }

/** Thrown inside a function to end the call with an expected failure; the runner turns it into an envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? code)
    this.name = 'AppError'
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
