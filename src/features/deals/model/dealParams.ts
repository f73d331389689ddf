/**
 * The deal page's query: `id` (the deal), `s` (a promoter's share code, from a shared card), `scene` (from a
 * mini-program code; it carries a share code) and `g` (local gateway only: the stand-in for the WeChat group, for
 * which the platform emulator issues a cloudID; production learns the group from WeChat, see
 * src/shared/platform/groupEnter).
 * Share codes and the group are only read here: attribution arrives with checkout (and promoters.visit).
 */
export interface DealParams {
  id: string | null
  shareCode: string | null
  groupId: string | null
  /** What the shared card showed (`t` title, `p` price in fen, `c` cover): painted before the deal arrives. */
  card: CardPreview | null
}

/**
 * The card's own words, carried in the share path so the page can paint them at once. Anyone can forge a link:
 * these are only ever shown as text or as an image address until the deal arrives and replaces them, never sent
 * anywhere, and a param that is malformed or too long is dropped (the page then simply waits for the deal).
 */
export interface CardPreview {
  title: string
  priceFen: number
  cover: string | null
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/
export const isDealId = (id: string): boolean => ID_RE.test(id)
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
    card: parseCard(params),
  }
}

/** Longest title a path carries (UTF-16 units): enough for the card's first line; the deal brings the rest. */
export const CARD_TITLE_MAX = 30
const PRICE_RE = /^[0-9]{1,9}$/
/** Image refs as the contract stores them (core/contracts/deals.ts ImageRef), without anything that could leave a URL or a CSS value. */
const COVER_RE = /^(\/files\/[A-Za-z0-9_./-]{1,200}|(cloud|https):\/\/[A-Za-z0-9_.~%/:@=+-]{1,300})$/

function parseCard(params: Record<string, string | undefined>): CardPreview | null {
  const t = decode(params.t)
  const p = decode(params.p)
  if (t === null || p === null || !PRICE_RE.test(p)) return null
  const title = t.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  const priceFen = Number(p)
  if (title === '' || title.length > CARD_TITLE_MAX + 1 || priceFen > 100_000_000) return null
  const c = decode(params.c)
  return { title, priceFen, cover: c && COVER_RE.test(c) && !c.includes('..') ? c : null }
}

/**
 * The path a shared card opens, carrying what the card shows (title cut to CARD_TITLE_MAX with "…", price, cover)
 * so the page paints it before the deal arrives.
 */
export function dealCardPath(deal: { id: string; title: string; priceFen: number; cover?: string | null }): string {
  const title = deal.title.length > CARD_TITLE_MAX ? `${deal.title.slice(0, CARD_TITLE_MAX).replace(/[\uD800-\uDBFF]$/, '')}…` : deal.title
  const cover = deal.cover && COVER_RE.test(deal.cover) ? `&c=${encodeURIComponent(deal.cover)}` : ''
  return `${dealPath(deal.id)}&t=${encodeURIComponent(title)}&p=${deal.priceFen}${cover}`
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
