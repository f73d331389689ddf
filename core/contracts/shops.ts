import * as v from 'valibot'
import { action } from './action'
import { Id } from './common'
import type { Dashboard, RefundIssue, RefundRequery, InviteView, Me, MemberView, ShopBrief, ShopPromoterCounts, ShopPromoterView, ShopSettings } from './views'

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max))
const Phone = v.pipe(v.string(), v.regex(/^[0-9+\-() ]{5,20}$/))
const Location = v.strictObject({
  lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  lng: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  /** The place name chosen on the map (wx.chooseLocation), shown with the navigation button. */
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(60))),
})
const PromoterPolicyInput = v.strictObject({
  approvalRequired: v.optional(v.boolean()),
  attributionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30))),
  selfPurchase: v.optional(v.boolean()),
  holdDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30))),
})
const ShopFields = {
  name: Text(40),
  address: Text(120),
  phone: Phone,
  hours: Text(60),
  location: v.optional(v.nullable(Location)),
}
const Day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))

export const shopsContract = {
  me: action<Me>()({
    input: v.strictObject({}),
    roles: ['anyone'],
    summary: "The caller's identity and roles (shops they own or staff, promoter, admin).",
    returns: 'Me',
    errors: [],
  }),
  get: action<ShopBrief>()({
    input: v.strictObject({ id: Id }),
    roles: ['anyone'],
    summary: 'Public card of a shop.',
    returns: 'ShopBrief',
    errors: ['INVALID_INPUT', 'SHOP_NOT_FOUND'],
  }),
  create: action<{ shop: ShopBrief; ownerInvite: InviteView }>()({
    input: v.strictObject(ShopFields),
    roles: ['admin'],
    summary: 'A platform admin opens a shop; the owner joins with the returned one-time invite, under their own WeChat identity.',
    returns: '{ shop: ShopBrief, ownerInvite: InviteView }',
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  update: action<ShopBrief>()({
    input: v.strictObject({
      shopId: Id,
      name: v.optional(ShopFields.name),
      address: v.optional(ShopFields.address),
      phone: v.optional(ShopFields.phone),
      hours: v.optional(ShopFields.hours),
      location: ShopFields.location,
      promoterPolicy: v.optional(PromoterPolicyInput),
    }),
    roles: ['owner'],
    summary: "The owner edits the shop's name, address, location, phone and hours, and how it works with promoters (approval, attribution window 1-30 days, self-purchase commission, hold days 0-30). A policy change applies to orders placed after it (each order keeps the rules it was placed under). Turning approval on approves, at that moment, every promoter the shop already knows (one audit event each): they keep earning, and only promoters first seen afterwards wait for review.",
    returns: 'ShopBrief',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN'],
  }),
  invite: action<InviteView>()({
    input: v.strictObject({ shopId: Id }),
    roles: ['owner'],
    summary: 'A one-time staff invite code (valid 24 hours), shown as text and QR.',
    returns: 'InviteView',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN'],
  }),
  acceptInvite: action<MemberView>()({
    input: v.strictObject({ code: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{6,16}$/)), name: Text(20) }),
    roles: ['user'],
    summary: 'Joins the shop of the invite with the caller\'s own identity; the invite is used up.',
    returns: 'MemberView',
    errors: ['UNAUTHENTICATED', 'INVITE_INVALID', 'ALREADY_MEMBER'],
  }),
  members: action<MemberView[]>()({
    input: v.strictObject({ shopId: Id }),
    roles: ['staff', 'owner'],
    summary: 'Owner and staff of the shop.',
    returns: 'MemberView[]',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND'],
  }),
  removeStaff: action<MemberView[]>()({
    input: v.strictObject({ shopId: Id, openid: Id }),
    roles: ['owner'],
    summary: 'The owner removes a staff member; their next action at the counter is refused.',
    returns: 'MemberView[]',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN', 'MEMBER_NOT_FOUND', 'CANNOT_REMOVE_OWNER'],
  }),
  dashboard: action<Dashboard>()({
    input: v.strictObject({ shopId: Id }),
    roles: ['staff', 'owner'],
    summary: 'Today and the last 30 China days (ending with the day of the call): orders, units sold, redemptions and refunds per day; apart, in `money`, 收入 (paid), 退款 (refunded) and 净收入 per day and for the period (core/shops/money; the settlement export has the same totals). Staff get `money: null` unless the owner turned on staffSeeRevenue (shops.updateSettings).',
    returns: 'Dashboard',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND'],
  }),
  refundIssues: action<RefundIssue[]>()({
    input: v.strictObject({ shopId: Id }),
    roles: ['owner'],
    summary: "The shop's refunds WeChat Pay could not return (退款异常: CHANGE / REFUNDCLOSE), oldest first: order, deal, amount and since when. The owner handles them in WeChat Pay's merchant platform (e.g. 退款至商户余额 or offline), then re-queries (retryRefund); the retryRefunds timer re-queries them too. Staff are refused (FORBIDDEN) whatever staffSeeRevenue says: fixing money is the owner's.",
    returns: 'RefundIssue[]',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN'],
  }),
  retryRefund: action<RefundRequery>()({
    input: v.strictObject({ shopId: Id, refundNo: Id }),
    roles: ['owner'],
    summary: "重新查询: asks WeChat Pay's queryRefund now about one of the shop's refunds, through the same path as the retryRefunds timer (compare-and-set on the refund's status; a refund now succeeded is booked once: the code 退款成功, stock and totals). Audited (refund.requeried, the owner as actor). Idempotent: a refund already settled, or still abnormal, just reports its status.",
    returns: 'RefundRequery',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN', 'REFUND_NOT_FOUND'],
  }),
  exportCsv: action<{ filename: string; csv: string }>()({
    input: v.strictObject({ shopId: Id, from: Day, to: Day }),
    roles: ['owner'],
    summary: 'Settlement export (对账单) for a period of inclusive China days: one row per payment, redemption, refund and promoter commission, each naming its deal, oldest first; amounts as plain numbers in yuan (two decimals) in their own columns (收入, 退款, 净收入, 核销金额, 推广佣金), then a 合计 row whose 收入, 退款 and 净收入 equal the dashboard money of the same days (core/shops/settlement). Text cells that could start a formula are prefixed with \'. Staff are refused (FORBIDDEN) whatever staffSeeRevenue says: the export is the owner\'s.',
    returns: '{ filename: string, csv: string }',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN', 'INVALID_PERIOD'],
  }),
  promoters: action<ShopPromoterView[] | ShopPromoterCounts[]>()({
    input: v.strictObject({ shopId: Id }),
    roles: ['staff', 'owner'],
    summary: "Promoters who shared the shop's deals, with their funnels and commissions on this shop, and approval states (pending first, then by commission). Staff of a shop whose owner has not turned on staffSeeRevenue get the same list without the money fields (no commissionFen, no settledFen), pending first then by paid orders.",
    returns: 'ShopPromoterView[] | ShopPromoterCounts[]',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND'],
  }),
  reviewPromoter: action<ShopPromoterView>()({
    input: v.strictObject({ shopId: Id, promoterId: Id, decision: v.picklist(['approved', 'rejected']) }),
    roles: ['owner'],
    summary: 'Approves or rejects a promoter for the shop (when approval is required, commissions count on orders placed after approval).',
    returns: 'ShopPromoterView',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN', 'PROMOTER_NOT_FOUND'],
  }),
  settings: action<ShopSettings>()({
    input: v.strictObject({ shopId: Id }),
    roles: ['owner'],
    summary: "What only the owner decides about the shop's staff: whether they see its money (staffSeeRevenue, off by default).",
    returns: 'ShopSettings',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN'],
  }),
  updateSettings: action<ShopSettings>()({
    input: v.strictObject({ shopId: Id, staffSeeRevenue: v.boolean() }),
    roles: ['owner'],
    summary: "The owner lets staff see the shop's money or not: with staffSeeRevenue off, dashboard answers staff with money null and promoters without commission figures; the settlement export is the owner's either way. A change is audited; setting the current value changes nothing.",
    returns: 'ShopSettings',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN'],
  }),
}
