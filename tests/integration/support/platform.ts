import { issueGroupCloudID } from '../../../local/platform/openapi/apis/open-data'
import { grantConsent, LOCAL_TEMPLATES } from '../../../local/platform/openapi/apis/subscribe-message'
import type { TestStack } from './stack'

/** What wx.getGroupEnterInfo gives a page opened from WeChat group `group`: a cloudID the platform emulator issued. */
export function groupCloudID(t: TestStack, group: string): string {
  const id = issueGroupCloudID(t.stack.openapi, group)
  if (!id) throw new Error(`not a group id: ${group}`)
  return id
}

/**
 * What tapping 允许 in wx.requestSubscribeMessage does: WeChat records one message of each template (the platform
 * emulator), then the app reports the kinds with orders.subscribe. Answers orders.subscribe's reply.
 */
export async function allowMessages(t: TestStack, who: string, kinds: string[]) {
  grantConsent(t.stack.openapi, who, kinds.map((k) => LOCAL_TEMPLATES[k]?.id ?? `unknown-${k}`))
  return t.call('orders', { action: 'subscribe', input: { accepted: kinds } }, who)
}
