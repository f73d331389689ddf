import { useCallback, useEffect, useState } from 'react'
import type { BuyerList, DealPage } from '@core/contracts/views'
import { callFunction } from '@/shared/api'
import { ApiError } from '@/shared/api/errors'
import { useRemote, type Remote } from '@/shared/hooks/useRemote'
import { BUYERS_POLL_MS, getBuyers } from './getBuyers'

/** Everything the deal page shows, in one call (deals.page): the deal, its buyer list head and its reviews. */
export function getDealPage(id: string, groupCloudID: string | null): Promise<DealPage> {
  return callFunction('deals', 'page', { id, ...(groupCloudID ? { groupCloudID } : {}) })
}

interface Started {
  id: string
  group: Promise<string | null>
  page: Promise<DealPage>
}

/** The call the page started before its first render was committed; taken once by useDealPage. */
let started: Started | null = null

/**
 * Starts the page's one call NOW, before anything renders (the page calls it while it loads, on weapp inside
 * onLoad): a shared card then waits for one round trip, not for the first render and then the call. `group` may
 * still be asked of WeChat (a promise): the call starts as soon as the group is known. Returns the group's promise,
 * so the page does not ask WeChat twice.
 */
export function startDealPage(id: string, group: string | null | Promise<string | null>): Promise<string | null> {
  if (started?.id === id) return started.group
  const groupP = Promise.resolve(group)
  const page = groupP.then((g) => earlyReply(id, g) ?? getDealPage(id, g))
  page.catch(() => undefined) // taken (and its failure shown) by the page; never an unhandled rejection
  started = { id, group: groupP, page }
  return groupP
}

async function takeStarted(id: string, groupCloudID: string | null): Promise<DealPage> {
  const s = started
  started = null
  if (s && s.id === id && (await s.group) === groupCloudID) return s.page
  return getDealPage(id, groupCloudID)
}

/**
 * h5: index.html asks deals.page for a deal link while the scripts are still downloading (src/index.html) and
 * leaves the pending reply on `window.__tuankaDealPage`. Taken once, when it asked for this deal and group; an
 * answer that is not a success (or arrives broken) is asked again by the app, with the persona's identity.
 */
function earlyReply(id: string, groupCloudID: string | null): Promise<DealPage> | null {
  // index.html asks its own origin: only when the app does too (TUANKA_API_BASE '', the h5 default).
  if (process.env.TARO_ENV !== 'h5' || TUANKA_API_BASE !== '' || typeof window === 'undefined') return null
  const w = window as unknown as { __tuankaDealPage?: { key?: unknown; reply?: Promise<{ status: number; text: string }> } }
  const early = w.__tuankaDealPage
  if (!early || early.key !== `${id}|${groupCloudID ?? ''}` || !early.reply) return null
  delete w.__tuankaDealPage
  return early.reply.then(
    (r) => {
      const body = JSON.parse(r.text) as { ok?: unknown; data?: unknown }
      if (body && body.ok === true && body.data && typeof body.data === 'object') return body.data as DealPage
      return getDealPage(id, groupCloudID)
    },
    () => getDealPage(id, groupCloudID),
  ).catch(() => getDealPage(id, groupCloudID))
}

export interface DealPageState {
  page: Remote<DealPage>
  /** The buyer list: from the page's call, then every 10 s while the page is shown (`visible`). */
  buyers: BuyerList | null
}

/** Settles never: the page waits (loading) until the group is known, then asks once, with it. */
const waitForGroup = () => new Promise<DealPage>(() => undefined)

/**
 * The deal page's data: one deals.page call (the one startDealPage began, if any), again on reload; the buyer
 * list alone is polled (deals.buyers) while the page is visible. `groupCloudID` undefined = still being resolved.
 */
export function useDealPage(id: string | null, groupCloudID: string | null | undefined, visible: boolean): DealPageState {
  const pending = groupCloudID === undefined
  const page = useRemote(
    () => (!id ? Promise.reject(new ApiError('DEAL_NOT_FOUND')) : pending ? waitForGroup() : takeStarted(id, groupCloudID)),
    [id, groupCloudID],
  )
  const [polled, setPolled] = useState<{ from: DealPage; list: BuyerList } | null>(null)
  const poll = useCallback(async () => {
    if (!id || groupCloudID === undefined || !page.data) return
    const from = page.data
    try {
      const list = await getBuyers(id, groupCloudID)
      setPolled({ from, list })
    } catch {
      // the list shown stays; the next poll tries again
    }
  }, [id, groupCloudID, page.data])
  useEffect(() => {
    if (!id || !visible || pending || !page.data) return undefined
    const timer = setInterval(() => void poll(), BUYERS_POLL_MS)
    return () => clearInterval(timer)
  }, [id, pending, visible, page.data, poll])
  // A newer page answer (reload) replaces what polling found before it.
  const buyers = polled && polled.from === page.data ? polled.list : page.data?.buyers ?? null
  return { page, buyers }
}
