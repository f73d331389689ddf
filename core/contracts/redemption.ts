import * as v from 'valibot'
import { action } from './action'
import { CodeInput, Id, IdempotencyKey } from './common'
import type { CodePreview, RedeemOutcome, RedemptionRecord, RedemptionRecordWithoutPrice } from './views'

export const redemptionContract = {
  preview: action<CodePreview>()({
    input: v.strictObject({ code: CodeInput }),
    roles: ['staff', 'owner'],
    summary:
      "What staff see after scanning or typing a code: deal, state, validity, masked buyer and the order's other codes. A code of another shop answers exactly like a missing one. Failed look-ups are rate limited per staff account (10 a minute, 100 an hour).",
    returns: 'CodePreview',
    errors: ['UNAUTHENTICATED', 'NOT_STAFF', 'CODE_NOT_FOUND', 'RATE_LIMITED'],
  }),
  confirm: action<{ results: RedeemOutcome[] }>()({
    input: v.strictObject({
      codes: v.pipe(v.array(CodeInput), v.minLength(1), v.maxLength(20)),
      idempotencyKey: IdempotencyKey,
    }),
    roles: ['staff', 'owner'],
    summary:
      'Redeems one or several codes (compare-and-set unused -> redeemed per code). A retry with the same idempotencyKey reports the first success again; a code redeemed by someone else reports who and when.',
    returns: '{ results: RedeemOutcome[] }',
    errors: ['UNAUTHENTICATED', 'NOT_STAFF', 'RATE_LIMITED'],
  }),
  undo: action<CodePreview>()({
    input: v.strictObject({ code: CodeInput }),
    roles: ['staff', 'owner'],
    summary: 'Undoes a redemption of this shop within 10 minutes: the code is usable again.',
    returns: 'CodePreview',
    errors: ['UNAUTHENTICATED', 'NOT_STAFF', 'RATE_LIMITED', 'CODE_NOT_FOUND', 'UNDO_WINDOW_PASSED', 'UNDO_NOT_ALLOWED'],
  }),
  history: action<{ items: RedemptionRecord[] | RedemptionRecordWithoutPrice[]; staff: { openid: string; name: string }[] }>()({
    input: v.strictObject({
      shopId: Id,
      day: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
      staff: v.optional(Id),
    }),
    roles: ['staff', 'owner'],
    summary: "The shop's redemptions, newest first, filterable by China day and by staff member; each says whether it can still be undone. Staff of a shop whose owner has not turned on staffSeeRevenue (shops.updateSettings) get the items without unitPriceFen.",
    returns: '{ items: RedemptionRecord[] | RedemptionRecordWithoutPrice[], staff: { openid, name }[] }',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND'],
  }),
}
