/**
 * Which WeChat group a page was opened from. The client only holds an opaque cloudID (wx.getGroupEnterInfo);
 * the group id (openGId) is what the platform decrypts from it, so the server asks the platform and trusts
 * nothing the request says about groups. Production: wx-server-sdk `cloud.getOpenData({ list: [cloudID] })`.
 * Locally the simulated platform decrypts cloudIDs of the form `local:<group>` (what the h5 app's stand-in for
 * getGroupEnterInfo hands out). A cloudID the platform cannot resolve means "no group", never an error: a buyer
 * must not be refused because a share ticket expired.
 */
export interface GroupResolver {
  resolve(cloudID: string): Promise<string | null>
}

const GROUP_ID = /^[A-Za-z0-9_-]{1,64}$/

const localResolver: GroupResolver = {
  async resolve(cloudID) {
    const m = /^local:(.+)$/.exec(cloudID)
    return m && GROUP_ID.test(m[1]) ? m[1] : null
  },
}

// cloudIDs are short-lived and the deal page polls its buyer list with the same one: remember recent answers.
const cache = new Map<string, string | null>()

const wechatResolver: GroupResolver = {
  async resolve(cloudID) {
    if (cache.has(cloudID)) return cache.get(cloudID) ?? null
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
    if (cache.size > 500) cache.clear()
    cache.set(cloudID, gid)
    return gid
  },
}

export function groupResolver(): GroupResolver {
  return process.env.TUANKA_PAYMENT === 'local' ? localResolver : wechatResolver
}

export async function resolveGroup(cloudID: string | undefined): Promise<string | null> {
  return cloudID ? groupResolver().resolve(cloudID) : null
}
