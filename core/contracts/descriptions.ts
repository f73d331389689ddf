import type { ErrorCode } from '../errors'
import type { ActionName, FnName } from './index'

/**
 * What the contracts' types cannot say, for docs/api.md: what each error code means and when it is answered (the
 * Chinese text a user reads is core/errors.ts), and per action the conditions of its codes and the codes it
 * reports per item. A unit test (tests/unit/api-docs.test.ts) holds these to the code: every code has a meaning,
 * and every code a handler can answer is documented for its action.
 */
export const ERROR_MEANINGS: Partial<Record<ErrorCode, string>> = {
  BAD_JSON: 'The request body is not JSON (gateway).',
  PAYLOAD_TOO_LARGE: 'The request body is over 100 KB (gateway); nothing was read past the limit.',
  UNKNOWN_FUNCTION: 'No such cloud function (gateway), or a request the gateway has no route for.',
  UNKNOWN_ACTION: "The event has no `action`, or one that is not in the function's contract (inherited names such as `toString` included).",
  INVALID_INPUT:
    'The event is not an object, has fields besides `action` and `input`, or `input` does not match the schema (wrong type, missing or extra field, out of range, an operator object where a value belongs); the message names the first wrong field (`输入内容有误：<path>`). Also a malformed `x-tuanka-openid` header, and a calendar day that does not exist (`9999-99-99`).',
  INTERNAL: 'Something unexpected failed; it is logged on the server with the request id, the caller learns nothing more. Safe to retry.',
  NETWORK: 'Never answered by the server: the client reports it when a call did not get through (timeout, offline, the gateway unreachable or answering 502/503/504).',
  UNAUTHENTICATED: 'The platform context carries no user (an anonymous call) and the action needs one.',
  FORBIDDEN:
    "The caller is known but their role does not allow the action: staff calling an owner-only action of their shop, a non-admin calling an admin action. (A caller with no role in the shop at all gets SHOP_NOT_FOUND or DEAL_NOT_FOUND instead, so shops cannot be probed.)",
  DEAL_NOT_FOUND:
    "No such deal; also a draft asked for by someone outside its shop, and any deal of a shop the caller does not own for the owner's actions (answered exactly like a missing deal).",
  SHOP_NOT_FOUND: 'No such shop, or the caller has no role in it (the two answer the same).',
  SHOP_PAUSED: 'Checkout: the shop is not active.',
  DEAL_NOT_ON_SALE: 'Checkout: the units could not be reserved for none of the more precise reasons below (a fallback).',
  SALE_NOT_STARTED: 'Checkout: before the deal\'s saleStart.',
  SALE_ENDED: "Checkout: the deal has ended, or it is past its saleEnd.",
  DEAL_PAUSED: 'Checkout: the shop paused the deal.',
  SOLD_OUT: 'Checkout: no units left.',
  INSUFFICIENT_STOCK: 'Checkout: fewer units left than asked for.',
  OVER_LIMIT: "Checkout: the buyer's live units of this deal plus this order would pass the deal's perUserLimit.",
  IDEMPOTENCY_CONFLICT: 'A request repeated an idempotencyKey with different content (another deal or quantity): the first request stands.',
  ORDER_NOT_FOUND: "No such order, or not the caller's (the two answer the same). The payment callback answers it for an order it does not know.",
  ORDER_NOT_PAYABLE: 'The order is no longer pending payment (paid, or closed), or its 15 minutes to pay have passed.',
  ORDER_NOT_CANCELLABLE: 'orders.cancel: the order was paid (or is paying into a group): only an unpaid order can be cancelled; paid codes are refunded with orders.refund.',
  PAYMENT_INVALID: 'Local payment sheets: a pay token or transfer package this process did not sign, or a transfer that already ended the other way.',
  PAYMENT_AMOUNT_MISMATCH: "Payment callback only (`errmsg`): the paid amount differs from the order's; nothing is applied.",
  CODE_NOT_FOUND:
    "No such code on the caller's order (refund), or among the codes of the shops the staff member works at (counter: another shop's code answers exactly like a missing one, and counts as a failed look-up).",
  CODE_ALREADY_REDEEMED: 'The code was used at the shop: it cannot be refunded, nor redeemed again (the counter is told who redeemed it and when).',
  CODE_REFUNDED: 'Counter: the code is being refunded or was refunded.',
  CODE_EXPIRED: "Counter: the code's validity ended (an unused code is refunded automatically at expiry).",
  RECEIPT_NOT_CONFIRMED: "orders.confirmReceipt: WeChat does not show the buyer's 确认收货 for this order (its shipping info is not with WeChat yet, or WeChat's getOrder is not at 确认收货/交易完成); nothing is recorded.",
  CODE_NOT_REFUNDABLE: 'Not answered by any action at present (refunds of redeemed codes answer CODE_ALREADY_REDEEMED); kept because codes are never reused.',
  REFUND_FAILED:
    "The payment provider has not confirmed a refund yet; the timers retry it (the code stays 退款中). Answered by the payment callback (and so by `POST /local/pay`) for a payment that arrived after its order closed and whose refund is not confirmed yet; `orders.refund` never answers it (its refunds are retried in the background).",
  REFUND_NOTICE_INVALID:
    "The payments callback door: a refund-result callback WeChat Pay's queryRefund does not confirm (no such refund, still processing, or its order, amount or status altered). Recorded (audit refund.notice_refused); nothing else changes.",
  REFUND_NOT_FOUND: "shops.retryRefund: no such refund number among the shop's orders (another shop's answers the same); nothing changes.",
  CODE_NOT_YET_VALID: "Counter: before the code's validity starts.",
  CODE_GROUP_PENDING: 'Counter: the deal needs a minimum group (成团) that has not been reached yet: codes are locked until it is.',
  GROUP_FAILED: "Checkout: the deal's group did not reach its minimum by the deadline (its paid orders are refunded).",
  NOT_STAFF: 'Counter: the caller is owner or staff of no shop.',
  RATE_LIMITED:
    'Counter: the staff account failed too many code look-ups (10 a minute, 100 an hour, counted per account across preview, confirm and undo; successful look-ups do not count). The message says how long to wait (请 N 秒/分钟后再试).',
  UNDO_WINDOW_PASSED: 'The redemption is more than 10 minutes old.',
  UNDO_NOT_ALLOWED: 'The redemption cannot be undone (see redemption.undo for when).',
  INVITE_INVALID: 'No such invite code, already used, or past its 24 hours (an owner invite from shops.create likewise).',
  ALREADY_MEMBER: 'The caller is already owner or staff of the invite\'s shop (the invite stays unused).',
  CANNOT_REMOVE_OWNER: 'removeStaff named the owner.',
  MEMBER_NOT_FOUND: 'removeStaff named someone who is not a member of the shop.',
  DEAL_STATE_CHANGE_NOT_ALLOWED:
    'The deal\'s status does not allow it: editing an ended deal, a status change not in the transitions table (core/deals/states: draft → published; published ⇄ paused; any but ended → ended), or the status changed meanwhile (compare-and-set lost).',
  DEAL_INCOMPLETE: 'Publishing, or editing a live deal, would leave it unpublishable (no title, no image, price 0, original price below price, no stock...); the message names the first problem.',
  DEAL_INVALID: "The deal's windows or prices contradict each other (price above original price, an end not after its start, validity ending before the sale, a group deadline after the sale end); the message says which.",
  STOCK_BELOW_ZERO: 'adjustStock would take the stock below zero (units already sold are never touched).',
  INVALID_PERIOD: 'exportCsv: `from` after `to`, a day that does not exist, or a period longer than 92 days.',
  REVIEW_NOT_ALLOWED: 'The order has no redeemed code yet: only a buyer who used the deal may review it.',
  ALREADY_REVIEWED: 'The order has a review already (one per order).',
  REVIEW_NOT_FOUND: 'No such review, or not of a shop the caller works at.',
  ALREADY_REPLIED: 'The review has a reply already (one per review).',
  NOT_PROMOTER: 'The caller has not joined as a promoter (promoters.join).',
  SHARE_NOT_FOUND: "No such share code (visit), or not one of the caller's shares (posterCode).",
  WITHDRAW_BELOW_MINIMUM: 'The amount is below the minimum withdrawal (¥1 = 100 fen).',
  INSUFFICIENT_BALANCE: "The amount is more than the promoter's available balance (pending and locked commission cannot be withdrawn).",
  WITHDRAWAL_NOT_FOUND: "No such withdrawal, or not the caller's.",
  PROMOTER_NOT_FOUND: "The promoter never shared this shop's deals, so there is nothing to decide.",
}

export interface ActionNotes {
  /** What the answer's fields mean beyond their types. */
  answer?: string
  /** When this action answers a code, where its general meaning does not say enough. */
  errors?: Partial<Record<ErrorCode, string>>
  /** Codes reported per item inside a successful answer (never as the envelope's code), and when. */
  itemCodes?: Partial<Record<ErrorCode, string>>
}

export const ACTION_NOTES: { [F in FnName]?: { [A in ActionName<F>]?: ActionNotes } } = {
  orders: {
    place: {
      errors: {
        IDEMPOTENCY_CONFLICT: 'The same idempotencyKey was used for another deal or quantity; a retry with the same content returns the first order instead.',
      },
    },
    refund: {
      errors: {
        CODE_NOT_FOUND: 'A listed code is not one of this order\'s codes; nothing is refunded.',
        CODE_ALREADY_REDEEMED: 'A listed code was redeemed (also when a redemption wins a race with this refund); nothing more is refunded. Codes already refunding or refunded are accepted again.',
      },
    },
  },
  redemption: {
    history: {
      errors: {
        INVALID_INPUT: 'The input does not match the schema above, or `day` is not a real calendar day (`2025-02-30`).',
      },
    },
    confirm: {
      answer:
        'One result per distinct code (normalised as the counter reads it; a code listed twice is tried once), in the order given. `ok: true` with `replay: false`: redeemed by this call; `replay: true`: this staff member redeemed it earlier under the same idempotencyKey (a retried request whose answer was lost), `redeemedAt` is that first time. `ok: false`: not redeemed, `error` is one of the codes below and `message` its Chinese text.',
      errors: {
        RATE_LIMITED: "The account's failed look-ups were already spent when the call started: nothing is redeemed.",
      },
      itemCodes: {
        CODE_NOT_FOUND: "Not a code of the caller's shops (counts as a failed look-up).",
        CODE_ALREADY_REDEEMED: 'Redeemed before, by someone else or under another idempotencyKey: the item carries `redeemedAt` and `redeemedBy` (the staff name, or 其他店员).',
        CODE_REFUNDED: 'Refunding or refunded.',
        CODE_GROUP_PENDING: 'Its group (成团) has not formed yet.',
        CODE_EXPIRED: 'Its validity ended.',
        CODE_NOT_YET_VALID: 'Its validity has not started.',
        RATE_LIMITED: 'The failed look-ups ran out during this batch: this code and the rest of the batch were not looked at.',
      },
    },
    undo: {
      errors: {
        CODE_NOT_FOUND: "Not a code of the caller's shops (counts as a failed look-up).",
        UNDO_NOT_ALLOWED:
          "(1) The code is not redeemed (unused, refunding or refunded): there is nothing to undo. (2) The unit's promoter commission has settled and become withdrawable, and the promoter's available balance no longer holds it (they withdrew, or asked to withdraw, money that included it): taking it back would leave the balance below zero. (3) The code changed between the check and the compare-and-set (another staff member undid it at the same moment, or the 10 minutes ran out in between).",
      },
    },
  },
}
