import type { MessageKind, MessageTemplate } from '@core/contracts/views'

/**
 * WeChat subscribe messages, sent through the cloud's open API (wx-server-sdk `openapi.subscribeMessage.send`, after
 * the user's consent — see server/notify.ts — and with the function's `permissions.openapi`). Locally the same call
 * reaches the platform emulator (local/platform/openapi/apis/subscribe-message.ts), which has the templates configured.
 */
export interface OutgoingMessage {
  to: string
  kind: string
  title: string
  body: string
  page: string
}

/**
 * `sent`: WeChat accepted it; `recorded`: no template is configured for the kind, the outbox is the message;
 * `failed` with a stable code (and WeChat's errcode) when WeChat refused it.
 */
export type SendResult = { delivery: 'sent' | 'recorded' } | { delivery: 'failed'; failure: MessageFailure; errcode?: number }

export type MessageFailure = 'MESSAGE_NOT_ALLOWED' | 'MESSAGE_TEMPLATE_INVALID' | 'MESSAGE_DATA_INVALID' | 'MESSAGE_PAGE_INVALID' | 'MESSAGE_USER_INVALID' | 'MESSAGE_SEND_FAILED'

export interface MessageSender {
  send(m: OutgoingMessage): Promise<SendResult>
}

const TITLES: Record<MessageKind, string> = {
  paid: '支付成功通知',
  group_succeeded: '拼团成功通知',
  group_failed: '拼团失败退款通知',
  expiring: '券码即将过期提醒',
  redeemed: '核销成功通知',
  refunded: '退款成功通知',
  settled: '佣金结算通知',
  withdrawal: '提现结果通知',
}

const KINDS = Object.keys(TITLES) as MessageKind[]

/** WeChat's documented refusals of subscribeMessage.send (发送订阅消息, 错误码). */
const FAILURES: Record<number, MessageFailure> = {
  43101: 'MESSAGE_NOT_ALLOWED',
  40037: 'MESSAGE_TEMPLATE_INVALID',
  47003: 'MESSAGE_DATA_INVALID',
  41030: 'MESSAGE_PAGE_INVALID',
  40003: 'MESSAGE_USER_INVALID',
}

/**
 * Template ids are configured per environment: TUANKA_TEMPLATE_<KIND> (e.g. TUANKA_TEMPLATE_PAID). The template's
 * two text fields are named by TUANKA_TEMPLATE_FIELDS_<KIND> ("thing1,thing2" when unset).
 */
const templateIdOf = (kind: string) => process.env[`TUANKA_TEMPLATE_${kind.toUpperCase()}`]

/** A `thing` keyword holds at most 20 characters (code points, not UTF-16 units). */
const thing = (s: string) => [...s].slice(0, 20).join('')

const wechatSender: MessageSender = {
  async send(m) {
    const templateId = templateIdOf(m.kind)
    if (!templateId) return { delivery: 'recorded' }
    const [titleKey, bodyKey] = (process.env[`TUANKA_TEMPLATE_FIELDS_${m.kind.toUpperCase()}`] ?? 'thing1,thing2').split(',')
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const cloud = require('wx-server-sdk')
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
      await cloud.openapi.subscribeMessage.send({
        touser: m.to,
        page: m.page,
        templateId,
        data: { [titleKey]: { value: thing(m.title) }, [bodyKey]: { value: thing(m.body) } },
      })
      return { delivery: 'sent' }
    } catch (e) {
      const errcode = typeof (e as { errCode?: unknown })?.errCode === 'number' ? (e as { errCode: number }).errCode : undefined
      return { delivery: 'failed', failure: (errcode !== undefined && FAILURES[errcode]) || 'MESSAGE_SEND_FAILED', errcode }
    }
  },
}

export function messageSender(): MessageSender {
  return wechatSender
}

/** What the client asks consent for: the kinds whose template is configured (TUANKA_TEMPLATE_<KIND>). */
export function messageTemplates(): MessageTemplate[] {
  return KINDS.flatMap((kind) => {
    const templateId = templateIdOf(kind)
    return templateId ? [{ kind, templateId, title: TITLES[kind] }] : []
  })
}
