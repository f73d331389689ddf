/** Invite codes are 6-16 letters and digits (shops.acceptInvite); a scanned join link carries one as `code=`. */
export function readInviteCode(raw: string): string | null {
  const t = raw.trim()
  const fromLink = /[?&]code=([A-Za-z0-9]+)/.exec(t)
  const code = (fromLink ? fromLink[1] : t.replace(/[\s-]/g, '')).toUpperCase()
  return /^[A-Z0-9]{6,16}$/.test(code) ? code : null
}

export const JOIN_PAGE = '/staff/join/index'

/**
 * What the invite QR holds: on h5 the app's own link to the join page (any phone camera opens it); in the
 * mini-program the join page's path, which the join page's 扫码 reads (a WeChat-scannable 小程序码 would need
 * wxacode from the server, not built).
 */
export function inviteLink(code: string, origin: string | null): string {
  const path = `${JOIN_PAGE}?code=${code}`
  return origin ? `${origin}/#${path}` : path
}

/** "ABCDE FGHJK": a 10-letter code read aloud in two halves. */
export function spacedInviteCode(code: string): string {
  return code.length > 6 ? code.replace(/(.{5})(?=.)/g, '$1 ') : code
}
