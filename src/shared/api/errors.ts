import { isErrorCode, messageFor } from '@core/errors'

/**
 * The server's own words for a refusal carry details the code cannot (the wait of a rate limit, which rule of a
 * deal is wrong): kept when they are a short Chinese sentence for a known code, never for INTERNAL.
 */
function readable(code: string, detail: unknown): string | null {
  if (typeof detail !== 'string' || code === 'INTERNAL' || !isErrorCode(code)) return null
  const text = detail.trim()
  return text.length > 0 && text.length <= 120 && /[\u4e00-\u9fff]/.test(text) && !/[{}<>]/.test(text) ? text : null
}

/**
 * A refused or failed call. `message` is always the Chinese text users may read (from core/errors), never a raw
 * server payload or an error code (an unknown code reads as INTERNAL's text); `code` is for program logic only
 * (e.g. DEAL_NOT_FOUND shows a different state).
 */
export class ApiError extends Error {
  readonly code: string

  constructor(code: string, detail?: unknown) {
    super(readable(code, detail) ?? messageFor(code))
    this.name = 'ApiError'
    Object.setPrototypeOf(this, ApiError.prototype) // instanceof survives down-levelled classes
    this.code = code
  }
}

/** Any thrown value as an ApiError (programming errors become INTERNAL, never a stack trace on screen). */
export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('INTERNAL')
}
