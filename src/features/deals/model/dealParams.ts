/**
 * The deal page's query: `id` (the deal), `s` (a promoter's share code, from a shared card) and `scene` (from a
 * mini-program code; it carries a share code). Share codes are only read here: attribution arrives with checkout.
 */
export interface DealParams {
  id: string | null
  shareCode: string | null
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/
const SHARE_RE = /^[A-Za-z0-9]{6,32}$/

export function parseDealParams(params: Record<string, string | undefined>): DealParams {
  const id = decode(params.id)
  const s = decode(params.s) ?? decode(params.scene)
  return {
    id: id && ID_RE.test(id) ? id : null,
    shareCode: s && SHARE_RE.test(s) ? s : null,
  }
}

function decode(v: string | undefined): string | null {
  if (v === undefined || v === '') return null
  try {
    return decodeURIComponent(v)
  } catch {
    return null
  }
}

/** The path a shared card opens (onShareAppMessage): starts with '/', carries the deal in the query. */
export function dealPath(id: string): string {
  return `/pages/deal/index?id=${encodeURIComponent(id)}`
}
