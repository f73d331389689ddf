import * as v from 'valibot'
import { action } from './action'
import { Id, IdempotencyKey } from './common'
import type { PromoterCenter, ShareResult } from './views'

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
    summary: 'A short share code for a deal and channel (the same one on every call), with the card path and the mini-program code scene.',
    returns: 'ShareResult',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER', 'DEAL_NOT_FOUND'],
  }),
  visit: action<{ bound: boolean; dealId: string }>()({
    input: v.strictObject({ shareCode: ShareCode, groupId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))) }),
    roles: ['anyone'],
    summary: 'Records that a deal was opened through a share (and from which WeChat group); binds the viewer to the promoter for the deal (last touch, 7 days). Returns the deal, so a page opened from a mini-program code (scene = share code) knows what to show.',
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
  withdraw: action<{ id: string; amountFen: number; status: string }>()({
    input: v.strictObject({ amountFen: v.pipe(v.number(), v.integer(), v.minValue(1)), idempotencyKey: IdempotencyKey }),
    roles: ['promoter'],
    summary: 'Withdraws from the available balance (minimum ¥1); idempotent by key. Production pays by merchant transfer confirmed by the user; locally a simulated transfer.',
    returns: '{ id: string, amountFen: number, status: string }',
    errors: ['UNAUTHENTICATED', 'NOT_PROMOTER', 'WITHDRAW_BELOW_MINIMUM', 'INSUFFICIENT_BALANCE'],
  }),
}
