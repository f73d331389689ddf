import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'

/**
 * The WeChat group a page was opened from, as the opaque cloudID the server hands to the platform
 * (`groupCloudID` of orders.place, deals.buyers and promoters.visit). The client never knows the group itself.
 *
 * - Production (weapp, cloud backend): the page was entered from a group chat card — the enter options
 *   (`Taro.getEnterOptionsSync`, cold or hot start) name this page and this deal, with scene 1008/1044 or a
 *   shareTicket (the deal page shares `withShareTicket`) — then `Taro.getGroupEnterInfo` gives the cloudID,
 *   which the server resolves with `cloud.getOpenData`. Any failure is simply "no group".
 * - Local gateway (h5, weapp local builds): the page's `g` parameter stands in for the group; the platform
 *   emulator issues a cloudID for it (./localGroupEnter), which the server resolves as in production. The build
 *   constant drops this branch from production builds, where a `g` in a link means nothing.
 */
export interface GroupEnterPage {
  /** Page path without the leading slash, as the enter options name it ('pages/deal/index'). */
  path: string
  /** The `id` the page was opened with (the deal): a group card opens one deal, not the pages after it. */
  id: string | null
}

/** 1008: 群聊会话中的小程序消息卡片; 1044: 带 shareTicket 的小程序消息卡片. */
const GROUP_SCENES = [1008, 1044]
const LOCAL_GROUP = /^[A-Za-z0-9_-]{1,64}$/
// eslint-disable-next-line @typescript-eslint/no-var-requires
const askLocal: typeof import('./localGroupEnter').askLocalGroupCloudID | null = TUANKA_BACKEND === 'gateway' ? require('./localGroupEnter').askLocalGroupCloudID : null

/**
 * What is known without waiting: no group (null), or `undefined` when WeChat (locally: the platform emulator) must
 * be asked.
 */
export function groupCloudIDNow(page: GroupEnterPage, localGroup: string | null): string | null | undefined {
  if (TUANKA_BACKEND === 'gateway') return localGroup && LOCAL_GROUP.test(localGroup) ? undefined : null
  if (process.env.TARO_ENV !== 'weapp' || !page.id) return null
  try {
    const o = Taro.getEnterOptionsSync()
    const fromGroup = !!o && (GROUP_SCENES.includes(o.scene) || !!o.shareTicket)
    const samePage = !!o && String(o.path ?? '').replace(/^\//, '') === page.path && String((o.query as Record<string, unknown> | undefined)?.id ?? '') === page.id
    return fromGroup && samePage ? undefined : null
  } catch {
    return null
  }
}

/**
 * The group's cloudID from WeChat (weapp); null when WeChat gives none. Never rejects. On the local gateway, from the
 * platform emulator for `localGroup` (default: the current page's `g`).
 */
export function askGroupCloudID(localGroup?: string | null): Promise<string | null> {
  if (TUANKA_BACKEND === 'gateway' && askLocal) {
    const g = localGroup === undefined ? currentPageGroup() : localGroup
    return g && LOCAL_GROUP.test(g) ? askLocal(g) : Promise.resolve(null)
  }
  return new Promise((resolve) => {
    try {
      void Taro.getGroupEnterInfo({
        success: (r) => {
          const cloudID = (r as { cloudID?: unknown }).cloudID
          resolve(typeof cloudID === 'string' && cloudID !== '' ? cloudID : null)
        },
        fail: () => resolve(null),
      })?.catch?.(() => resolve(null))
    } catch {
      resolve(null)
    }
  })
}

/**
 * The page's group cloudID: null (no group), the cloudID, or `undefined` while WeChat is asked (requests that
 * carry the group wait for it; it takes a moment and only happens for pages opened from a group card).
 */
export function useGroupCloudID(page: GroupEnterPage, localGroup: string | null, asked?: Promise<string | null> | null): string | null | undefined {
  const { path, id } = page
  const [state, setState] = useState(() => ({ key: `${path}|${id}|${localGroup}`, value: groupCloudIDNow(page, localGroup) }))
  const key = `${path}|${id}|${localGroup}`
  const current = state.key === key ? state.value : groupCloudIDNow({ path, id }, localGroup)
  useEffect(() => {
    const now = groupCloudIDNow({ path, id }, localGroup)
    setState((s) => (s.key === key && s.value === now ? s : { key, value: now }))
    if (now !== undefined) return undefined
    let live = true
    // `asked`: WeChat was already asked while the page loaded (its call starts with the group), not twice.
    void (asked ?? askGroupCloudID(localGroup)).then((cloudID) => {
      if (live) setState({ key, value: cloudID })
    })
    return () => {
      live = false
    }
  }, [key, path, id, localGroup])
  return current
}

function currentPageGroup(): string | null {
  try {
    const g = Taro.getCurrentInstance()?.router?.params?.g
    return typeof g === 'string' ? decodeURIComponent(g) : null
  } catch {
    return null
  }
}
