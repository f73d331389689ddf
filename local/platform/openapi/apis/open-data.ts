import { randomBytes } from 'node:crypto'
import { decodeGetOpenDataReq, encodeGetOpenDataResp } from '../protobuf'
import type { OpenApiEmulator, OpenApiHandlers } from '../registry'

/**
 * Group identity: the cloudID that wx.getGroupEnterInfo hands a page opened from a group card, and
 * `cloud.getOpenData({ list })` (wx-server-sdk src/api/open/api/getOpenData.ts: svrkit ApiGetOpenDataByCloudId) that
 * turns it into `{ cloudID, data: { openGId } }` (WeChat: 开放数据 cloudID, 获取cloudID对应的数据). A cloudID is
 * answered for five minutes after WeChat issued it. Locally the h5 app's stand-in for getGroupEnterInfo asks the
 * gateway (`POST /local/group-enter`), which issues one here for the group named by the page's `g` parameter.
 *
 * What the emulator cannot know: the exact item WeChat answers for an expired or foreign cloudID (its documents show
 * only the success form). It answers an item with the cloudID, errCode -1 and an errMsg (invented) and no `data`,
 * which the product must read as "no group" either way.
 */
export const CLOUD_ID_TTL_MS = 5 * 60 * 1000
const OPEN_GID = /^[A-Za-z0-9_-]{1,64}$/

interface Issued {
  openGId: string
  openid: string | null
  issuedAt: number
}

const issued = (e: OpenApiEmulator) => e.state('open-data.cloudIDs', () => new Map<string, Issued>())

/** What wx.getGroupEnterInfo gives the page: a fresh, opaque cloudID for `openGId` (null for a malformed group). */
export function issueGroupCloudID(e: OpenApiEmulator, openGId: string, openid: string | null = null): string | null {
  if (!OPEN_GID.test(openGId)) return null
  const map = issued(e)
  const now = e.now()
  // Forget what has long expired, so a running `npm start` does not grow without end.
  if (map.size > 10_000) for (const [id, v] of map) if (now - v.issuedAt > CLOUD_ID_TTL_MS) map.delete(id)
  const cloudID = `${randomBytes(3).toString('hex')}_${randomBytes(24).toString('base64url')}`
  map.set(cloudID, { openGId, openid, issuedAt: now })
  return cloudID
}

export const handlers: OpenApiHandlers = {
  ApiGetOpenDataByCloudId: (call) => {
    const { cloudidList } = decodeGetOpenDataReq(call.svrkit ?? Buffer.alloc(0))
    const map = issued(call.emulator)
    const items = cloudidList.map((cloudID) => {
      const known = map.get(cloudID)
      if (!known) return { cloudId: cloudID, json: JSON.stringify({ cloudID, errCode: -1, errMsg: 'invalid cloudID' }) }
      if (call.now - known.issuedAt > CLOUD_ID_TTL_MS) return { cloudId: cloudID, json: JSON.stringify({ cloudID, errCode: -1, errMsg: 'cloudID expired' }) }
      return { cloudId: cloudID, json: JSON.stringify({ cloudID, data: { openGId: known.openGId } }) }
    })
    return { kind: 'svrkit', bytes: encodeGetOpenDataResp(items) }
  },
}
