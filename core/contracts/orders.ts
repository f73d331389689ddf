import * as v from 'valibot'
import { action } from './action'
import { CodeInput, Cursor, GroupCloudID, Id, IdempotencyKey, PageLimit } from './common'
import type { MessageTemplate, NotificationView, OrderSummary, OrderView } from './views'
import type { GroupCardView } from './group-card'

export const MAX_QTY_PER_ORDER = 20

export const ordersContract = {
  place: action<OrderView>()({
    input: v.strictObject({
      dealId: Id,
      qty: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_QTY_PER_ORDER)),
      idempotencyKey: IdempotencyKey,
      phone: v.optional(v.pipe(v.string(), v.regex(/^1[3-9][0-9]{9}$/))),
      shareCode: v.optional(v.pipe(v.string(), v.maxLength(32), v.regex(/^[A-Za-z0-9]+$/))),
      /** The WeChat group the card was opened from (getGroupEnterInfo's cloudID, resolved by the platform). */
      groupCloudID: GroupCloudID,
      /** How the buyer appears, masked, in the deal's buyer list (接龙). */
      nickname: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20))),
    }),
    roles: ['user'],
    summary:
      'Places an order and reserves stock atomically. The same idempotencyKey returns the first order. Unpaid orders close after 15 minutes.',
    returns: 'OrderView',
    errors: ['UNAUTHENTICATED', 'DEAL_NOT_FOUND', 'SHOP_PAUSED', 'DEAL_PAUSED', 'SALE_NOT_STARTED', 'SALE_ENDED', 'SOLD_OUT', 'INSUFFICIENT_STOCK', 'GROUP_FAILED', 'DEAL_NOT_ON_SALE', 'OVER_LIMIT', 'IDEMPOTENCY_CONFLICT'],
  }),
  get: action<OrderView>()({
    input: v.strictObject({ id: Id }),
    roles: ['user'],
    summary: "One of the caller's orders with its codes and timeline. Someone else's order answers ORDER_NOT_FOUND.",
    returns: 'OrderView',
    errors: ['UNAUTHENTICATED', 'ORDER_NOT_FOUND'],
  }),
  confirmReceipt: action<OrderView>()({
    input: v.strictObject({ orderId: Id }),
    roles: ['user'],
    summary:
      "确认收货 after WeChat's weappOrderConfirm component answered success: checked with WeChat (getOrder order_state 3/4), then recorded once on the caller's order and its timeline. Someone else's order answers ORDER_NOT_FOUND.",
    returns: 'OrderView',
    errors: ['UNAUTHENTICATED', 'ORDER_NOT_FOUND', 'RECEIPT_NOT_CONFIRMED'],
  }),
  listMine: action<{ items: OrderSummary[]; nextCursor: string | null }>()({
    input: v.strictObject({ limit: PageLimit, cursor: Cursor }),
    roles: ['user'],
    summary: "The caller's orders, newest first.",
    returns: '{ items: OrderSummary[], nextCursor: string | null }',
    errors: ['UNAUTHENTICATED'],
  }),
  refund: action<OrderView>()({
    input: v.strictObject({
      orderId: Id,
      codes: v.pipe(v.array(CodeInput), v.minLength(1), v.maxLength(MAX_QTY_PER_ORDER)),
    }),
    roles: ['user'],
    summary: '随时退: refunds unused codes of the caller\'s order through WeChat Pay; idempotent (a refunded code stays refunded).',
    returns: 'OrderView',
    errors: ['UNAUTHENTICATED', 'ORDER_NOT_FOUND', 'CODE_NOT_FOUND', 'CODE_ALREADY_REDEEMED'],
  }),
  cancel: action<OrderView>()({
    input: v.strictObject({ orderId: Id }),
    roles: ['user'],
    summary:
      "取消订单: closes the caller's unpaid order and returns its stock and purchase limit (as the 15-minute close does). Idempotent: a closed order answers as it is.",
    returns: 'OrderView',
    errors: ['UNAUTHENTICATED', 'ORDER_NOT_FOUND', 'ORDER_NOT_CANCELLABLE'],
  }),
  groupCard: action<GroupCardView | null>()({
    input: v.strictObject({ dealId: Id, orderId: v.optional(Id) }),
    roles: ['user'],
    summary:
      "The live card (动态消息) to share a forming group with: an activity id for wx.updateShareMenu and the card's x/y; null when the deal's group is not forming. With the caller's own orderId of that deal, also the WeChat group the order came from (本群); another's order or another deal's is ignored.",
    returns: 'GroupCardView | null',
    errors: ['UNAUTHENTICATED'],
  }),
  notifications: action<NotificationView[]>()({
    input: v.strictObject({}),
    roles: ['user'],
    summary: "The caller's messages (paid, group result, code expiring, code used, refund done, commission settled): production also sends them as subscribe messages.",
    returns: 'NotificationView[]',
    errors: ['UNAUTHENTICATED'],
  }),
  messageTemplates: action<MessageTemplate[]>()({
    input: v.strictObject({}),
    roles: ['anyone'],
    summary: 'The subscribe-message templates of this environment, for wx.requestSubscribeMessage (ids from TUANKA_TEMPLATE_<KIND>; locally the platform emulator templates).',
    returns: 'MessageTemplate[]',
    errors: [],
  }),
  subscribe: action<{ kind: string; credits: number }[]>()({
    input: v.strictObject({ accepted: v.pipe(v.array(v.picklist(['paid', 'group_succeeded', 'group_failed', 'expiring', 'redeemed', 'refunded', 'settled', 'withdrawal'])), v.maxLength(8)) }),
    roles: ['user'],
    summary: "Records the kinds the caller accepted in wx.requestSubscribeMessage: each acceptance allows one message of that kind (WeChat's one-time subscription); sending uses one up.",
    returns: '{ kind: string, credits: number }[]',
    errors: ['UNAUTHENTICATED'],
  }),
}
