import { createHash } from 'node:crypto'
import { GROUP_REFS } from '../collections'
import { insertOnce } from '../db'
import type { Db } from './cloudbase'

/**
 * Which WeChat group a page was opened from. The client only holds an opaque cloudID (wx.getGroupEnterInfo);
 * the group id (openGId) is what the platform decrypts from it, so the server asks the platform and trusts
 * nothing the request says about groups: wx-server-sdk `cloud.getOpenData({ list: [cloudID] })` (locally the same
 * call reaches the platform emulator, local/platform/openapi/apis/open-data.ts). A cloudID the platform cannot
 * resolve (forged, expired, the call failing) means "no group", never an error: a buyer must not be refused because
 * a share ticket expired.
 */
export interface GroupResolver {
  /** `kept`, when given (null: none), is the cloudID's stored answer (groupRefOf) as the caller already read it. */
  resolve(cloudID: string, db: Db, kept?: { groupId: string } | null): Promise<string | null>
}

/**
 * WeChat answers a cloudID for five minutes only, while a deal page stays open (and polls its buyer list) for
 * longer. A cloudID is an unguessable ticket WeChat gave that client for that group, so once the platform has
 * answered it, its answer is kept and the same ticket keeps naming the same group.
 */
export { GROUP_REFS }
const refId = (cloudID: string) => createHash('sha256').update(cloudID).digest('hex').slice(0, 40)

/** Where a cloudID's answer is kept: a caller that reads it along with other documents passes it to resolveGroup. */
export const groupRefOf = (cloudID: string) => ({ from: GROUP_REFS, id: refId(cloudID) })

const GROUP_ID = /^[A-Za-z0-9_-]{1,64}$/

// cloudIDs are short-lived and the deal page polls its buyer list with the same one: remember recent answers.
const cache = new Map<string, string>()

const wechatResolver: GroupResolver = {
  async resolve(cloudID, db, read) {
    const known = cache.get(cloudID)
    if (known) return known
    const kept = read !== undefined ? read : ((await db.collection(GROUP_REFS).doc(refId(cloudID)).get()).data[0] as { groupId: string } | undefined)
    if (kept) {
      cache.set(cloudID, kept.groupId)
      return kept.groupId
    }
    let gid: string | null = null
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const cloud = require('wx-server-sdk')
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
      const res = await cloud.getOpenData({ list: [cloudID] })
      const data = res?.list?.[0]?.data as { openGId?: string } | undefined
      gid = typeof data?.openGId === 'string' && GROUP_ID.test(data.openGId) ? data.openGId : null
    } catch {
      gid = null
    }
    // Only answers are remembered: a failed call (network, quota) may succeed on the next poll.
    if (gid) {
      if (cache.size > 500) cache.clear()
      cache.set(cloudID, gid)
      await insertOnce(db, GROUP_REFS, { _id: refId(cloudID), groupId: gid, at: new Date() })
    }
    return gid
  },
}

export function groupResolver(): GroupResolver {
  return wechatResolver
}

export async function resolveGroup(db: Db, cloudID: string | undefined, kept?: { groupId: string } | null): Promise<string | null> {
  return cloudID ? groupResolver().resolve(cloudID, db, kept) : null
}
