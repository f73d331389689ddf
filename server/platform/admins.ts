/** Platform admins are configured, not stored: a database write can never make someone an admin. */
export function isPlatformAdmin(openid: string | null): boolean {
  if (!openid) return false
  const list = (process.env.TUANKA_ADMIN_OPENIDS ?? '').split(',').map((s) => s.trim())
  return list.includes(openid)
}
