import { messageFor } from '@core/errors'

/**
 * A refused or failed call. `message` is always the Chinese text users may read (from core/errors), never a raw
 * server payload or an error code (an unknown code reads as INTERNAL's text); `code` is for program logic only
 * (e.g. DEAL_NOT_FOUND shows a different state).
 */
export class ApiError extends Error {
  readonly code: string

  constructor(code: string) {
    super(messageFor(code))
    this.name = 'ApiError'
    Object.setPrototypeOf(this, ApiError.prototype) // instanceof survives down-levelled classes
    this.code = code
  }
}

/** Any thrown value as an ApiError (programming errors become INTERNAL, never a stack trace on screen). */
export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('INTERNAL')
}
