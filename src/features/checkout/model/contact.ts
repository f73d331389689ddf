/** Same rule as orders.place: a mainland mobile number. */
const PHONE_RE = /^1[3-9][0-9]{9}$/

/** The optional contact phone as typed: '' (none), or a valid number, or an error to show. */
export function checkPhone(raw: string): { phone?: string; error?: string } {
  const v = raw.replace(/[\s-]/g, '')
  if (v === '') return {}
  return PHONE_RE.test(v) ? { phone: v } : { error: '请输入 11 位手机号，或留空' }
}

/** The optional nickname: trimmed, at most 20 characters; undefined when empty. */
export function cleanNickname(raw: string): string | undefined {
  const v = raw.trim()
  if (v === '') return undefined
  return Array.from(v).slice(0, 20).join('')
}

/** How the buyer list (接龙) will show the nickname: its first character and "**" (as the server masks it). */
export function maskedPreview(nickname: string | undefined): string {
  return nickname ? `${Array.from(nickname)[0]}**` : '微信用户'
}
