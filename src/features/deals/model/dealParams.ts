/**
 * The deal page's query: `id` (the deal), `s` (a promoter's share code, from a shared card), `scene` (from a
 * mini-program code; it carries a share code) and `g` (local gateway only: the stand-in for the WeChat group,
 * sent as the cloudID `local:<g>`; production learns the group from WeChat, see src/shared/platform/groupEnter).
 * Share codes and the group are only read here: attribution arrives with checkout (and promoters.visit).
 */
export interface DealParams {
  id: string | null
  shareCode: string | null
  groupId: string | null
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/
const SHARE_RE = /^[A-Za-z0-9]{6,32}$/
const GROUP_RE = /^[A-Za-z0-9_-]{1,64}$/

export function parseDealParams(params: Record<string, string | undefined>): DealParams {
  const id = decode(params.id)
  const s = decode(params.s) ?? decode(params.scene)
  const g = decode(params.g)
  return {
    id: id && ID_RE.test(id) ? id : null,
    shareCode: s && SHARE_RE.test(s) ? s : null,
    groupId: g && GROUP_RE.test(g) ? g : null,
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
