import * as v from 'valibot'
import { action } from './action'
import { Cursor, GroupCloudID, Id, IdempotencyKey, PageLimit } from './common'
import type { DealEarning, PosterCode, PromoterCenter, PromoterOrderView, ShareResult, WithdrawalView } from './views'

export const ShareCode = v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{6,32}$/))

export const promotersContract = {
  join: action<{ name: string }>()({
    input: v.strictObject({ name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20)) }),
    roles: ['user'],
    summary: 'Become a promoter. Free and one level only (WeChat forbids paid entry and multi-level distribution).',
    returns: '{ name: string }',
    errors: ['UNAUTHENTICATED'],
  }),
  share: action<ShareResult>()({
    input: v.strictObject({ dealId: Id, channel: v.optional(v.picklist(['card', 'poster', 'link']), 'card') }),
    roles: ['promoter'],
    summary: 'A short share code for a deal and channel (the same one on every call), with the card path, the mini-program code scene and what one unit sold through it earns now.',
    returns: 'ShareResult',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER', 'DEAL_NOT_FOUND'],
  }),
  earnings: action<{ items: DealEarning[] }>()({
    input: v.strictObject({ dealIds: v.pipe(v.array(Id), v.minLength(1), v.maxLength(50)) }),
    roles: ['promoter'],
    summary: "What one unit sold through the caller's share earns on each of these deals under its shop's current policy (0 while the shop's approval is pending or refused), for the 分享赚 of deal cards. Read only: asking introduces the promoter to no shop. Unknown and draft deals are left out.",
    returns: '{ items: DealEarning[] }',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER'],
  }),
  visit: action<{ bound: boolean; dealId: string }>()({
    input: v.strictObject({ shareCode: ShareCode, groupCloudID: GroupCloudID }),
    roles: ['anyone'],
    summary: 'Records that a deal was opened through a share (and from which WeChat group); binds the viewer to the promoter for the deal (last touch, within the shop\'s window, 7 days by default). Returns the deal, so a page opened from a mini-program code (scene = share code) knows what to show.',
    returns: '{ bound: boolean, dealId: string }',
    errors: ['SHARE_NOT_FOUND'],
  }),
  center: action<PromoterCenter>()({
    input: v.strictObject({}),
    roles: ['promoter'],
    summary: "The promoter's balance (pending, locked, available, withdrawn), each share's funnel and the latest commission lines with their history.",
    returns: 'PromoterCenter',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER'],
  }),
  orders: action<{ items: PromoterOrderView[]; nextCursor: string | null }>()({
    input: v.strictObject({ limit: PageLimit, cursor: Cursor }),
    roles: ['promoter'],
    summary: 'Orders attributed to the promoter, newest first, each with why it is theirs (share code, time of the visit, rule, window, group) and every line with its state history.',
    returns: '{ items: PromoterOrderView[], nextCursor: string | null }',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER'],
  }),
  posterCode: action<PosterCode>()({
    input: v.strictObject({ shareCode: ShareCode }),
    roles: ['promoter'],
    summary: "The poster's mini-program code for one of the caller's shares: production wxacode.getUnlimited (scene = share code), stored once in cloud storage and reused; locally a QR code of the h5 deal address.",
    returns: 'PosterCode',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER', 'SHARE_NOT_FOUND'],
  }),
  withdrawal: action<WithdrawalView>()({
    input: v.strictObject({ id: Id }),
    roles: ['promoter'],
    summary: "One of the caller's withdrawals, its transfer state refreshed from WeChat Pay when still requested.",
    returns: 'WithdrawalView',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER', 'WITHDRAWAL_NOT_FOUND'],
  }),
  withdraw: action<WithdrawalView>()({
    input: v.strictObject({ amountFen: v.pipe(v.number(), v.integer(), v.minValue(1)), idempotencyKey: IdempotencyKey }),
    roles: ['promoter'],
    summary: 'Withdraws from the available balance (minimum ¥1); idempotent by key. Pays by merchant transfer (商家转账) that the promoter confirms in WeChat (wx.requestMerchantTransfer with the returned transfer); a failed or cancelled transfer puts the money back. Locally the transfer and its confirmation sheet are simulated and answer through the same callback handler.',
    returns: 'WithdrawalView',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER', 'WITHDRAW_BELOW_MINIMUM', 'INSUFFICIENT_BALANCE'],
  }),
}
