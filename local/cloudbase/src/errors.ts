/**
 * Error codes sent in the SDK's envelope `{ code, message, requestId }`. The SDK throws any 200 reply that carries
 * a `code` as a TcbError with that code, so callers branch on these strings: keep them stable.
 * Names follow real TCB where one is known (DATABASE_DUPLICATE_WRITE, DATABASE_TRANSACTION_CONFLICT, ...).
 */
export const Codes = {
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ACTION: 'INVALID_ACTION',
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  DOCUMENT_TOO_LARGE: 'DATABASE_DOCUMENT_TOO_LARGE',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  LOCK_TIMEOUT: 'DATABASE_LOCK_TIMEOUT',
  UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  REALTIME_UNSUPPORTED: 'DATABASE_REALTIME_UNSUPPORTED',
} as const

export type Code = (typeof Codes)[keyof typeof Codes]

export class DbError extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message)
    this.name = 'DbError'
  }
}

export function invalidParam(message: string): DbError {
  return new DbError(Codes.INVALID_PARAM, message)
}

/** Errors thrown by mingo for a bad query/update/pipeline are the caller's fault, not ours. */
export function asRequestFailed(e: unknown): DbError {
  if (e instanceof DbError) return e
  return new DbError(Codes.REQUEST_FAILED, e instanceof Error ? e.message : String(e))
}

/** TCB prefixes transaction failures with the cloud API's error name; callers may match on either form. */
export function transactionConflict(message: string): DbError {
  return new DbError(Codes.TRANSACTION_CONFLICT, `[ResourceUnavailable.TransactionConflict] ${message}`)
}

export function transactionNotExist(message: string): DbError {
  return new DbError(Codes.TRANSACTION_FAIL, `[ResourceUnavailable.TransactionNotExist] ${message}`)
}
