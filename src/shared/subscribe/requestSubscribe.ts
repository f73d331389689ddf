import Taro from '@tarojs/taro'
import type { MessageKind, MessageTemplate } from '@core/contracts/views'
import { getMessageTemplates } from './api/getMessageTemplates'
import { recordLocalConsent } from './api/recordLocalConsent'
import { keepConsent, sendPendingConsent } from './pendingConsent'

/** WeChat asks for at most 3 templates in one requestSubscribeMessage. */
export const MAX_TEMPLATES_PER_REQUEST = 3

/**
 * The simulated consent sheet exists only on h5 (always the local gateway). The condition is a build constant:
 * mini-program builds drop this branch and never bundle the sheet or its styles.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const askLocalConsent: typeof import('./localConsent').askLocalConsent | null = process.env.TARO_ENV === 'h5' ? require('./localConsent').askLocalConsent : null

let templates: MessageTemplate[] | null = null
let loading: Promise<MessageTemplate[]> | null = null

function loadTemplates(): Promise<MessageTemplate[]> {
  if (templates) return Promise.resolve(templates)
  if (!loading) {
    loading = getMessageTemplates().then(
      (t) => {
        templates = t
        loading = null
        return t
      },
      (e: unknown) => {
        loading = null // asked again next time
        throw e
      },
    )
  }
  return loading
}

/**
 * Loads the templates ahead of the tap (e.g. when the checkout sheet opens), so that the tap handler can call
 * Taro.requestSubscribeMessage at once. Fetched once per session, kept in memory; a failure is retried later.
 */
export function prefetchMessageTemplates(): void {
  loadTemplates().catch(() => undefined)
}

/** Forget the templates (tests, another environment). */
export function forgetMessageTemplates(): void {
  templates = null
  loading = null
}

export interface TemplatePick {
  /** Distinct template ids, in the order of the kinds asked, at most 3. */
  tmplIds: string[]
  /** What the user is asked for, one line per template ("支付成功通知"). */
  titles: string[]
  /** The kinds each template id stands for (one template may serve several kinds, e.g. 拼团结果通知). */
  kindsOf: Record<string, MessageKind[]>
}

export function pickTemplates(all: MessageTemplate[], kinds: MessageKind[]): TemplatePick {
  const pick: TemplatePick = { tmplIds: [], titles: [], kindsOf: {} }
  for (const kind of kinds) {
    const t = all.find((x) => x.kind === kind && x.templateId)
    if (!t) continue
    const known = pick.kindsOf[t.templateId]
    if (known) {
      if (!known.includes(kind)) known.push(kind)
      continue
    }
    if (pick.tmplIds.length >= MAX_TEMPLATES_PER_REQUEST) continue
    pick.tmplIds.push(t.templateId)
    pick.titles.push(t.title)
    pick.kindsOf[t.templateId] = [kind]
  }
  return pick
}

/**
 * Asks the user to allow messages of `kinds` (in order of importance; WeChat takes at most 3 templates, the rest
 * are left out), then reports the accepted kinds with orders.subscribe (each acceptance allows one message of
 * that kind). Resolves with the accepted kinds once the user answered; never rejects — any failure (no
 * templates, the dialog refused) is no consent, and the caller carries on. Accepted kinds the server did not
 * hear of (offline) are kept and sent again (pendingConsent), with any left from before.
 *
 * Mini-program: Taro.requestSubscribeMessage opens only from a user's tap — call requestSubscribe directly in
 * the tap handler, before any `await` (prefetchMessageTemplates beforehand, so the templates are already in
 * memory and the dialog opens synchronously). h5 (local): a simulated consent sheet marked 本地模拟.
 */
export function requestSubscribe(kinds: MessageKind[], now = Date.now()): Promise<MessageKind[]> {
  try {
    const ask = (all: MessageTemplate[]) => {
      const pick = pickTemplates(all, kinds)
      return pick.tmplIds.length > 0 ? consent(pick) : Promise.resolve<MessageKind[]>([])
    }
    // Templates in memory: the dialog opens now, still inside the tap.
    const answered = templates ? ask(templates) : loadTemplates().then(ask)
    return answered.then(
      (accepted) => {
        keepConsent(accepted, now)
        void sendPendingConsent(now)
        return accepted
      },
      () => [],
    )
  } catch {
    return Promise.resolve([])
  }
}

function consent(pick: TemplatePick): Promise<MessageKind[]> {
  if (process.env.TARO_ENV === 'h5') {
    if (!askLocalConsent) return Promise.resolve([])
    return askLocalConsent(pick.titles).then((ok) => (ok ? accepted(pick, pick.tmplIds) : []))
  }
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve([])
  return Taro.requestSubscribeMessage({ tmplIds: pick.tmplIds } as Taro.requestSubscribeMessage.Option).then((res) => {
    const answers = res as unknown as Record<string, unknown>
    return accepted(pick, pick.tmplIds.filter((id) => answers[id] === 'accept'))
  })
}

/**
 * The kinds behind the accepted template ids. On the local gateway WeChat's side of the consent is the platform
 * emulator's, told first (a build constant: production builds drop the branch).
 */
function accepted(pick: TemplatePick, ids: string[]): Promise<MessageKind[]> {
  const kinds = ids.flatMap((id) => pick.kindsOf[id])
  if (TUANKA_BACKEND !== 'gateway' || ids.length === 0) return Promise.resolve(kinds)
  return recordLocalConsent(ids).then((ok) => (ok ? kinds : []))
}
