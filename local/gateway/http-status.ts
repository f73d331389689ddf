/** HTTP status of an error code; codes not listed: `*_NOT_FOUND` 404, any other refusal 409 (docs/api.md renders this). */
export const STATUS: Record<string, number> = {
  BAD_JSON: 400,
  INVALID_INPUT: 400,
  UNKNOWN_ACTION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  UNKNOWN_FUNCTION: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
}

/** HTTP status for an envelope: 200 on success, a stable mapping for failures (domain refusals are 409). */
export function httpStatusFor(envelope: unknown): number {
  const e = envelope as { ok?: boolean; code?: string }
  if (e && e.ok === true) return 200
  if (e && typeof e.code === 'string') return STATUS[e.code] ?? (e.code.endsWith('_NOT_FOUND') ? 404 : 409)
  return 500
}
