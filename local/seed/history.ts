import { randomBytes } from 'node:crypto'
import type { CloudFunctionMain } from '../gateway/functions'
import { scfContext } from '../gateway/scf-context'
import { payPrepay, prepayIdOf } from '../payments/provider'
import type { WxPayEmulator } from '../platform/wxpay'
import { issueGroupCloudID } from '../platform/openapi/apis/open-data'
import type { OpenApiEmulator } from '../platform/openapi/registry'
import { OWNER_B, openidOf } from './personas'

type Fns = Record<string, CloudFunctionMain>

/**
 * Demo history made the honest way: real orders placed, paid, redeemed and reviewed through the very functions
 * the app calls, so every count on a page (sold, buyers, group progress, promoter funnel) is backed by data.
 */
export async function seedHistory(fns: Fns, wxpay: WxPayEmulator, openapi: OpenApiEmulator): Promise<void> {
  // Opened from a WeChat group card: the cloudID WeChat would hand the page (the platform emulator's).
  const groupCloudID = (group: string, who: string) => issueGroupCloudID(openapi, group, who) ?? undefined
  const call = async (fn: string, action: string, input: unknown, who: string | null) => {
    const r = (await fns[fn]({ action, input }, scfContext(fn, who))) as { ok: boolean; data?: any; code?: string }
    if (!r.ok) throw new Error(`seed ${fn}.${action} failed: ${r.code}`)
    return r.data
  }
  const share = await call('promoters', 'share', { dealId: 'deal_tea_for_two' }, openidOf('promoter'))
  const latteShare = await call('promoters', 'share', { dealId: 'deal_latte' }, openidOf('promoter'))
  // 蜀香 works with approved promoters only and holds commissions a day: the promoter's hotpot poster waits for it.
  await call('shops', 'update', { shopId: 'shop_shuxiang', promoterPolicy: { approvalRequired: true, holdDays: 1 } }, OWNER_B)
  await call('promoters', 'share', { dealId: 'deal_hotpot_4', channel: 'poster' }, openidOf('promoter'))
  // People who opened the tea card in two WeChat groups and have not bought (yet): the funnel's first steps.
  for (const [i, who] of ['o_demo_viewer_1', 'o_demo_viewer_2', 'o_demo_viewer_3', 'o_demo_viewer_4'].entries()) {
    await call('promoters', 'visit', { shareCode: share.shareCode, groupCloudID: groupCloudID(i < 3 ? 'g_demo_neighbours' : 'g_demo_colleagues', who) }, who)
  }
  const buyers = [
    { who: 'o_demo_buyer_1', nickname: '张小北', buys: [['deal_tea_for_two', 1, share.shareCode], ['deal_latte', 2, null]] },
    { who: 'o_demo_buyer_2', nickname: 'Lily', buys: [['deal_latte', 1, latteShare.shareCode], ['deal_hotpot_4', 2, null]] },
    { who: 'o_demo_buyer_3', nickname: '陈阿姨', group: 'g_demo_colleagues', buys: [['deal_tea_for_two', 2, share.shareCode], ['deal_voucher_100', 1, null]] },
    { who: 'o_demo_buyer_4', nickname: '老王', buys: [['deal_hotpot_4', 2, null], ['deal_voucher_100', 2, null]] },
    { who: 'o_demo_buyer_5', nickname: '小雨', buys: [['deal_latte', 3, null], ['deal_hotpot_4', 2, null]] },
  ] as const
  const redeemed: { order: string; who: string; code: string; shopStaff: string }[] = []
  for (const b of buyers) {
    for (const [dealId, qty, shareCode] of b.buys) {
      const cloudID = groupCloudID('group' in b ? b.group : 'g_demo_neighbours', b.who)
      if (shareCode) await call('promoters', 'visit', { shareCode, groupCloudID: cloudID }, b.who)
      const order = await call('orders', 'place', { dealId, qty, idempotencyKey: randomBytes(8).toString('hex'), nickname: b.nickname, ...(shareCode ? { shareCode, groupCloudID: cloudID } : {}) }, b.who)
      const pay = await call('payments', 'prepay', { orderId: order.id }, b.who)
      // The buyer pays at the WeChat Pay emulator, which calls payments back as WeChat does.
      const paidAt = await payPrepay(wxpay, prepayIdOf(pay.package) ?? '')
      if (!paidAt.ok) throw new Error(`seed payment of ${order.id} failed: ${paidAt.code}`)
      const paid = await call('orders', 'get', { id: order.id }, b.who)
      if (paid.state === 'paid' && dealId !== 'deal_voucher_100') {
        redeemed.push({ order: order.id, who: b.who, code: paid.codes[0].code, shopStaff: dealId.startsWith('deal_hotpot') ? 'o_demo_staff_b' : openidOf('staff') })
      }
    }
  }
  const reviews = ['环境很安静，拿铁奶泡很细，下次还来。', '分量足，性价比高，店员很热情。', '周末去的，不用排队，出示券码就能用。']
  for (const [i, r] of redeemed.slice(0, 3).entries()) {
    await call('redemption', 'confirm', { codes: [r.code], idempotencyKey: randomBytes(8).toString('hex') }, r.shopStaff)
    await call('deals', 'review', { orderId: r.order, rating: i === 2 ? 4 : 5, text: reviews[i], photos: [] }, r.who)
  }
}
