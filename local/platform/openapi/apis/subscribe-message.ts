import type { OpenApiEmulator, OpenApiHandlers } from '../registry'
import { wxError, wxOk } from '../registry'

/**
 * 订阅消息 as WeChat keeps it for this mini-program: the templates chosen in the console (ids and keywords), the
 * one-time consents users gave in wx.requestSubscribeMessage (each 允许 allows one message of that template), and
 * `subscribeMessage.send` (WeChat: 发送订阅消息, POST /cgi-bin/message/subscribe/send; cloud call
 * openapi.subscribeMessage.send) with its documented refusals:
 *   40003 touser is not a valid openid · 40037 template_id missing or not one of this app's templates ·
 *   47003 data does not fit the template (a keyword missing, a value empty or too long for its type) ·
 *   43101 the user has no consent left for this template (never allowed, or already used).
 * Every accepted message is kept (`sentMessages`), for tests and the h5 app to see what WeChat would show.
 *
 * What the emulator cannot know: which pages the released version has (WeChat's 41030 for a wrong `page` is not
 * emulated), the user's long-term subscriptions and the account's daily quota; a refused message is what a real
 * device would see as "no message", nothing more.
 */
export interface LocalTemplate {
  id: string
  title: string
  /** keyword name → type (thing: ≤ 20 characters; character_string: ≤ 32; ...), as the console shows them. */
  keywords: Record<string, 'thing' | 'character_string' | 'number' | 'amount' | 'time' | 'phrase'>
}

/** The product's notifications (server/platform/messages.ts kinds), each a template of two `thing` keywords. */
const KIND_TITLES: [kind: string, title: string][] = [
  ['paid', '支付成功通知'],
  ['group_succeeded', '拼团成功通知'],
  ['group_failed', '拼团失败退款通知'],
  ['expiring', '券码即将过期提醒'],
  ['redeemed', '核销成功通知'],
  ['refunded', '退款成功通知'],
  ['settled', '佣金结算通知'],
  ['withdrawal', '提现结果通知'],
]

export const LOCAL_TEMPLATES: Record<string, LocalTemplate> = Object.fromEntries(
  KIND_TITLES.map(([kind, title]) => [kind, { id: `tmpl_local_${kind}`, title, keywords: { thing1: 'thing', thing2: 'thing' } }]),
)

/** What a deployment sets (README: TUANKA_TEMPLATE_<KIND>), pointing at the emulator's templates. */
export function localTemplateEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(LOCAL_TEMPLATES).map(([kind, t]) => [`TUANKA_TEMPLATE_${kind.toUpperCase()}`, t.id]))
}

const MAX_LEN: Record<LocalTemplate['keywords'][string], number> = { thing: 20, character_string: 32, number: 32, amount: 32, time: 64, phrase: 5 }
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

export interface SentMessage {
  msgid: number
  touser: string
  templateId: string
  page?: string
  data: Record<string, string>
  at: number
}

const consents = (e: OpenApiEmulator) => e.state('subscribeMessage.consents', () => new Map<string, number>())
export const sentMessages = (e: OpenApiEmulator) => e.state('subscribeMessage.sent', () => [] as SentMessage[])
const byId = (id: string) => Object.values(LOCAL_TEMPLATES).find((t) => t.id === id)

/**
 * What wx.requestSubscribeMessage records when the user taps 允许: one message of each template. Unknown ids are
 * ignored, as WeChat's dialog would not show them. Answers the ids accepted.
 */
export function grantConsent(e: OpenApiEmulator, openid: string, templateIds: string[]): string[] {
  if (!OPENID.test(openid)) return []
  const map = consents(e)
  const accepted = [...new Set(templateIds)].filter((id) => byId(id))
  for (const id of accepted) map.set(`${openid}|${id}`, (map.get(`${openid}|${id}`) ?? 0) + 1)
  return accepted
}

export const consentsLeft = (e: OpenApiEmulator, openid: string, templateId: string) => consents(e).get(`${openid}|${templateId}`) ?? 0

export const handlers: OpenApiHandlers = {
  'subscribeMessage.send': (call) => {
    const { touser, template_id: templateId, page, data } = call.params
    if (typeof touser !== 'string' || !OPENID.test(touser)) return wxError(40003, 'invalid openid')
    const template = typeof templateId === 'string' ? byId(templateId) : undefined
    if (!template) return wxError(40037, 'invalid template id')
    if (page !== undefined && typeof page !== 'string') return wxError(47003, 'argument invalid! page invalid')
    if (!data || typeof data !== 'object' || Array.isArray(data)) return wxError(47003, 'argument invalid! data invalid')
    const values: Record<string, string> = {}
    for (const [keyword, type] of Object.entries(template.keywords)) {
      const v = (data as Record<string, { value?: unknown } | undefined>)[keyword]?.value
      if (typeof v !== 'string' && typeof v !== 'number') return wxError(47003, `argument invalid! data.${keyword}.value is empty`)
      const text = String(v)
      if (text === '' || [...text].length > MAX_LEN[type]) return wxError(47003, `argument invalid! data.${keyword}.value invalid`)
      values[keyword] = text
    }
    const map = consents(call.emulator)
    const key = `${touser}|${template.id}`
    const left = map.get(key) ?? 0
    if (left <= 0) return wxError(43101, 'user refuse to accept the msg')
    map.set(key, left - 1)
    const sent = sentMessages(call.emulator)
    const seq = call.state('subscribeMessage.seq', () => ({ n: 0 }))
    const msgid = 2_000_000_000 + ++seq.n
    sent.push({ msgid, touser, templateId: template.id, page: page as string | undefined, data: values, at: call.now })
    if (sent.length > 1000) sent.splice(0, sent.length - 1000)
    return wxOk({ msgid })
  },
}
