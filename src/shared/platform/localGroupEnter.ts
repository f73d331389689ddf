import { httpJson } from '@/shared/api/http'

/**
 * Local gateway only: the stand-in for wx.getGroupEnterInfo. The page's `g` parameter names the group the page was
 * "opened from"; the platform emulator issues a cloudID for it (POST /local/group-enter), which the functions resolve
 * with cloud.getOpenData exactly as in production. Any failure is "no group".
 */
export async function askLocalGroupCloudID(group: string): Promise<string | null> {
  try {
    const res = await httpJson('POST', `${TUANKA_API_BASE}/local/group-enter`, { g: group })
    const b = res.body as { ok?: unknown; data?: { cloudID?: unknown } } | undefined
    const cloudID = res.status === 200 && b?.ok === true ? b.data?.cloudID : undefined
    return typeof cloudID === 'string' && cloudID !== '' ? cloudID : null
  } catch {
    return null
  }
}
