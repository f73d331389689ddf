import type { MessageKind, MessageTemplate } from '@core/contracts/views'

/**
 * WeChat subscribe messages behind a small interface. Production sends through the cloud's open API
 * (wx-server-sdk `openapi.subscribeMessage.send`, after the user's consent — see server/notify.ts — and with the
 * function's `permissions.openapi`); locally nothing leaves the machine and the outbox record is the message.
 */
export interface OutgoingMessage {
  to: string
  kind: string
  title: string
  body: string
  page: string
}

export interface MessageSender {
  send(m: OutgoingMessage): Promise<'sent' | 'recorded' | 'failed'>
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

/**
 * Template ids are configured per environment: TUANKA_TEMPLATE_<KIND> (e.g. TUANKA_TEMPLATE_PAID). The template's
 * two text fields are named by TUANKA_TEMPLATE_FIELDS_<KIND> ("thing1,thing2" when unset).
 */
const templateIdOf = (kind: string) => process.env[`TUANKA_TEMPLATE_${kind.toUpperCase()}`]

const wechatSender: MessageSender = {
  async send(m) {
    const templateId = templateIdOf(m.kind)
    if (!templateId) return 'recorded'
    const [titleKey, bodyKey] = (process.env[`TUANKA_TEMPLATE_FIELDS_${m.kind.toUpperCase()}`] ?? 'thing1,thing2').split(',')
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const cloud = require('wx-server-sdk')
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
      await cloud.openapi.subscribeMessage.send({
        touser: m.to,
        page: m.page,
        templateId,
        data: { [titleKey]: { value: m.title.slice(0, 20) }, [bodyKey]: { value: m.body.slice(0, 20) } },
      })
      return 'sent'
    } catch {
      // Quota or template mismatch: the outbox keeps it, the user sees it in the app.
      return 'failed'
    }
  },
}

const localSender: MessageSender = { send: async () => 'recorded' }

const isLocal = () => process.env.TUANKA_PAYMENT === 'local'

export function messageSender(): MessageSender {
  return isLocal() ? localSender : wechatSender
}

/** What the client asks consent for: production only the configured templates; locally every kind (simulated ids). */
export function messageTemplates(): MessageTemplate[] {
  return KINDS.flatMap((kind) => {
    const templateId = isLocal() ? `local-${kind}` : templateIdOf(kind)
    return templateId ? [{ kind, templateId, title: TITLES[kind] }] : []
  })
}
