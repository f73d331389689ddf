/**
 * WeChat subscribe messages behind a small interface. Production sends through the cloud's open API
 * (wx-server-sdk `openapi.subscribeMessage.send`, needs the user's prior consent and the function's
 * `permissions.openapi`); locally nothing leaves the machine and the outbox record is the message.
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

/** Template ids are configured per environment: TUANKA_TEMPLATE_<KIND> (e.g. TUANKA_TEMPLATE_PAID). */
const wechatSender: MessageSender = {
  async send(m) {
    const templateId = process.env[`TUANKA_TEMPLATE_${m.kind.toUpperCase()}`]
    if (!templateId) return 'recorded'
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const cloud = require('wx-server-sdk')
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
      await cloud.openapi.subscribeMessage.send({
        touser: m.to,
        page: m.page,
        templateId,
        data: { thing1: { value: m.title.slice(0, 20) }, thing2: { value: m.body.slice(0, 20) } },
      })
      return 'sent'
    } catch {
      // No consent, quota, or template mismatch: the outbox keeps it, the user sees it in the app.
      return 'failed'
    }
  },
}

const localSender: MessageSender = { send: async () => 'recorded' }

export function messageSender(): MessageSender {
  return process.env.TUANKA_PAYMENT === 'local' ? localSender : wechatSender
}
