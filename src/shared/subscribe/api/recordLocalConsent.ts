import { localOpenid } from '@/shared/api'
import { httpJson } from '@/shared/api/http'

/**
 * Local gateway only: what wx.requestSubscribeMessage records on WeChat's side when the user taps 允许 — one
 * message of each template — told to the platform emulator (POST /local/subscribe), which refuses sends without it
 * as WeChat does. True when recorded; anything else is no consent.
 */
export async function recordLocalConsent(tmplIds: string[]): Promise<boolean> {
  try {
    const openid = await localOpenid()
    if (!openid) return false
    const res = await httpJson('POST', `${TUANKA_API_BASE}/local/subscribe`, { tmplIds }, { 'x-tuanka-openid': openid })
    return res.status === 200
  } catch {
    return false
  }
}
