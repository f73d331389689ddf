import type { Input, Output } from '@core/contracts'
import type { WithdrawalView } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked } from '../../server/db'
import { notifyUser } from '../../server/notify'
import type { Db } from '../../server/platform/cloudbase'
import { inTransaction, txGet, txUpdate } from '../../server/tx'
import { MIN_WITHDRAW_FEN, PROMOTERS, WITHDRAWALS, type WithdrawalDoc } from './collections'
import { requirePromoter } from './join'
import { transferGateway } from './transfer'
import type { HttpReply, TransferCallback, TransferGateway, TransferState } from './transfer/types'

/**
 * Withdrawals paid by WeChat Pay merchant transfer (商家转账). A withdrawal is written `requested` in the same
 * transaction that reserves its money (the promoter's `withdrawnFen`), then the transfer is created; the
 * promoter confirms receipt in WeChat. It ends exactly once:
 *   requested → paid    (transfer SUCCESS: callback, the `withdrawal` refresh or the reconcile timer)
 *   requested → failed  (FAIL or CANCELLED — declined, or not confirmed within 24 h; or the bill never existed)
 * A failure gives the money back in the same transaction that marks it (`refundedToBalance`), so a replayed
 * callback, a racing query and the timer cannot give back twice, and a crash cannot separate the two writes.
 */
export { MIN_WITHDRAW_FEN }

/** A `requested` withdrawal older than this is settled by query (the timer; the promoter's own refresh before). */
export const RECONCILE_AFTER_MS = 10 * 60 * 1000
const RECONCILE_BATCH = 50
const REMARK = '团卡推手佣金提现'

export interface WithdrawalRecord extends WithdrawalDoc {
  /** The package for wx.requestMerchantTransfer, while the bill waits for the promoter's confirmation. */
  packageInfo?: string | null
  /** The provider's last known state of the bill. */
  billState?: TransferState | null
  /** WeChat's reason code, and the words the promoter reads. */
  failCode?: string | null
  failReason?: string | null
  failedAt?: Date | null
  /** Set with the give-back, in one transaction: the guard that it happens once. */
  refundedToBalance?: boolean
}

const FAIL_WORDS: Record<string, string> = {
  CANCELLED: '未确认收款，转账已撤销',
  ACCOUNT_FROZEN: '微信账户已被冻结',
  ACCOUNT_NOT_EXIST: '微信账户不存在',
  REAL_NAME_CHECK_FAIL: '微信账户未实名认证',
  NAME_NOT_CORRECT: '实名信息不符',
  ID_CARD_NOT_CORRECT: '实名信息不符',
  OPENID_INVALID: '微信账户不符',
  TRANSFER_QUOTA_EXCEED: '超过单笔收款额度',
  DAY_RECEIVED_QUOTA_EXCEED: '超过今日收款额度',
  MONTH_RECEIVED_QUOTA_EXCEED: '超过本月收款额度',
  DAY_RECEIVED_COUNT_EXCEED: '超过今日收款次数',
  REALNAME_ACCOUNT_RECEIVED_QUOTA_EXCEED: '超过收款额度',
  PAYEE_ACCOUNT_ABNORMAL: '微信账户收款异常',
  RECEIVE_ACCOUNT_NOT_PERMMIT: '微信账户暂不能收款',
  TRANSFER_RISK: '转账存在风险，已被微信拦截',
  OVERDUE_CLOSE: '超时未完成，转账已关闭',
  NOT_ENOUGH: '平台暂时无法付款，请稍后再试',
  NOT_CREATED: '转账未能发起，请重新提现',
}
export const failWords = (code: string | undefined | null) => (code && FAIL_WORDS[code]) || '转账未成功'

export function toWithdrawalView(w: WithdrawalRecord, gw: TransferGateway = transferGateway()): WithdrawalView {
  return {
    id: w._id,
    amountFen: w.amountFen,
    status: w.status,
    createdAt: +w.createdAt,
    paidAt: w.paidAt ? +w.paidAt : null,
    failReason: w.status === 'failed' ? (w.failReason ?? failWords(w.failCode)) : null,
    transfer: w.status === 'requested' && w.packageInfo ? gw.params(w.packageInfo) : null,
  }
}

export async function getWithdrawal(db: Db, id: string): Promise<WithdrawalRecord | null> {
  return ((await db.collection(WITHDRAWALS).doc(id).get()).data[0] as WithdrawalRecord | undefined) ?? null
}

/** The promoter's latest withdrawals for the centre, newest first (no provider calls). */
export async function recentWithdrawals(db: Db, promoter: string, limit: number): Promise<WithdrawalView[]> {
  const res = await db.collection(WITHDRAWALS).where({ promoter }).orderBy('createdAt', 'desc').limit(limit).get()
  const gw = transferGateway()
  return (res.data as WithdrawalRecord[]).map((w) => toWithdrawalView(w, gw))
}

/** requested → paid. A SUCCESS for a withdrawal already failed and given back takes the money again (see below). */
export async function markPaid(ctx: Ctx, id: string): Promise<boolean> {
  const _ = ctx.db.command
  const at = new Date(ctx.now())
  const done = await inTransaction(ctx.db, async (tx) => {
    const w = await txGet<WithdrawalRecord>(tx, WITHDRAWALS, id)
    if (!w || w.status === 'paid') return null
    if (w.status === 'failed' && !w.refundedToBalance) return null
    await txUpdate(tx, WITHDRAWALS, id, { status: 'paid', paidAt: at, billState: 'SUCCESS', packageInfo: null, refundedToBalance: false })
    // Only reachable if WeChat paid a bill it had reported as not existing: the money went out, so it leaves the
    // balance again (which may go negative, like a refund after a withdrawal; later earnings recover it).
    if (w.status === 'failed') await txUpdate(tx, PROMOTERS, w.promoter, { withdrawnFen: _.inc(w.amountFen) })
    return w
  })
  if (!done) return false
  if (done.status === 'failed') console.error(`[promoters.withdrawal] ${id} paid after it was failed and given back; taken from the balance again`)
  await audit(ctx, { entity: 'withdrawal', entityId: id, action: 'withdrawal.paid', from: done.status, to: 'paid', detail: { amountFen: done.amountFen } })
  return true
}

/** requested → failed with the money back, once. */
export async function markFailed(ctx: Ctx, id: string, failCode: string): Promise<boolean> {
  const _ = ctx.db.command
  const reason = failWords(failCode)
  const at = new Date(ctx.now())
  const w = await inTransaction(ctx.db, async (tx) => {
    const cur = await txGet<WithdrawalRecord>(tx, WITHDRAWALS, id)
    if (!cur || cur.status === 'paid' || cur.refundedToBalance) return null
    await txUpdate(tx, WITHDRAWALS, id, { status: 'failed', failCode, failReason: reason, failedAt: at, packageInfo: null, refundedToBalance: true })
    await txUpdate(tx, PROMOTERS, cur.promoter, { withdrawnFen: _.inc(-cur.amountFen) })
    return cur
  })
  if (!w) return false
  await audit(ctx, { entity: 'withdrawal', entityId: id, action: 'withdrawal.failed', from: w.status, to: 'failed', detail: { amountFen: w.amountFen, failCode, refundedToBalance: true } })
  try {
    await notifyUser(
      ctx.db,
      `withdrawal-failed:${id}`,
      { to: w.promoter, kind: 'withdrawal', title: '提现未成功', body: `¥${formatYuan(w.amountFen)} 已退回余额：${reason}`, page: '/promoter/center/index' },
      ctx.now(),
    )
  } catch (e) {
    console.error(`[promoters.withdrawal] notify ${id}`, e)
  }
  return true
}

export type Outcome = 'paid' | 'failed' | 'waiting'

/** Applies what the provider says about a bill. NOT_FOUND fails only when `notFoundFails` (old enough, see reconcile). */
export async function applyTransferState(ctx: Ctx, id: string, s: { state: TransferState; failReason?: string }, notFoundFails = false): Promise<Outcome> {
  switch (s.state) {
    case 'SUCCESS':
      await markPaid(ctx, id)
      return 'paid'
    case 'FAIL':
      await markFailed(ctx, id, s.failReason || 'FAIL')
      return 'failed'
    case 'CANCELLED':
      await markFailed(ctx, id, s.failReason || 'CANCELLED')
      return 'failed'
    case 'NOT_FOUND':
      if (!notFoundFails) return 'waiting'
      await markFailed(ctx, id, 'NOT_CREATED')
      return 'failed'
    default:
      return 'waiting'
  }
}

/** Creates the bill for a requested withdrawal (idempotent by out_bill_no) and records what WeChat answered. */
export async function startTransfer(ctx: Ctx, w: WithdrawalRecord): Promise<WithdrawalRecord> {
  let res
  try {
    res = await transferGateway().create({ outBillNo: w._id, openid: w.promoter, amountFen: w.amountFen, remark: REMARK })
  } catch (e) {
    // No answer we can act on: the withdrawal stays requested and the reconcile timer settles it by query.
    console.error(`[promoters.withdraw] create ${w._id}`, e)
    return w
  }
  const outcome = await applyTransferState(ctx, w._id, res)
  if (outcome === 'waiting') {
    checked(await ctx.db.collection(WITHDRAWALS).where({ _id: w._id, status: 'requested' }).update({ packageInfo: res.packageInfo ?? null, billState: res.state }))
    await audit(ctx, { entity: 'withdrawal', entityId: w._id, action: 'withdrawal.transfer_created', detail: { state: res.state } })
  }
  return (await getWithdrawal(ctx.db, w._id)) ?? w
}

/** A requested withdrawal brought up to date: created again if WeChat never answered the create (while young), else queried. */
export async function refreshWithdrawal(ctx: Ctx, w: WithdrawalRecord): Promise<WithdrawalRecord> {
  if (w.status !== 'requested') return w
  const young = ctx.now() - +w.createdAt < RECONCILE_AFTER_MS
  if (!w.billState && young) return startTransfer(ctx, w)
  try {
    const q = await transferGateway().query(w._id)
    if ((await applyTransferState(ctx, w._id, q, !young)) === 'waiting') return w
  } catch (e) {
    console.error(`[promoters.withdrawal] query ${w._id}`, e)
    return w
  }
  return (await getWithdrawal(ctx.db, w._id)) ?? w
}

/** `promoters.withdrawal`: one of the caller's own withdrawals, refreshed from the provider while requested. */
export async function withdrawal(ctx: Ctx, input: Input<'promoters', 'withdrawal'>): Promise<Output<'promoters', 'withdrawal'>> {
  const promoter = await requirePromoter(ctx)
  const w = await getWithdrawal(ctx.db, input.id)
  if (!w || w.promoter !== promoter) throw new AppError('WITHDRAWAL_NOT_FOUND')
  return toWithdrawalView(await refreshWithdrawal(ctx, w))
}

/**
 * Timer: withdrawals still requested after RECONCILE_AFTER_MS are settled by query — a lost callback, a bill the
 * promoter never confirmed (WeChat cancels it after 24 h), or a create that never answered (NOT_FOUND → failed).
 * Safe to run twice at once and alongside callbacks: every ending is a guarded transaction.
 */
export async function reconcileWithdrawals(ctx: Ctx): Promise<{ paid: number; failed: number }> {
  const _ = ctx.db.command
  const res = await ctx.db
    .collection(WITHDRAWALS)
    .where({ status: 'requested', createdAt: _.lt(new Date(ctx.now() - RECONCILE_AFTER_MS)) })
    .orderBy('createdAt', 'asc')
    .limit(RECONCILE_BATCH)
    .get()
  // Counts the bills found final (the local scheduler logs non-zero counts; bills still waiting are the normal case).
  const out = { paid: 0, failed: 0 }
  const gw = transferGateway()
  for (const w of res.data as WithdrawalRecord[]) {
    try {
      const outcome = await applyTransferState(ctx, w._id, await gw.query(w._id), true)
      if (outcome !== 'waiting') out[outcome]++
    } catch (e) {
      console.error(`[timers.reconcileTransfers] ${w._id}`, e)
    }
  }
  return out
}

const reply = (statusCode: number, code?: string, message?: string): HttpReply =>
  code ? { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, message }) } : { statusCode, body: '' }

/**
 * WeChat Pay's transfer callback (MCHTRANSFER.BILL.FINISHED), an HTTP-triggered call of `promoters`. Answers
 * 200 with an empty body once applied (or already applied); anything else makes WeChat retry.
 */
export async function handleTransferNotify(ctx: Ctx, event: unknown): Promise<HttpReply> {
  let cb: TransferCallback | null
  try {
    cb = await transferGateway().verifyCallback(event)
  } catch {
    cb = null
  }
  if (!cb) return reply(401, 'SIGN_ERROR', '签名验证失败')
  const w = await getWithdrawal(ctx.db, cb.outBillNo)
  if (!w) return reply(404, 'NOT_FOUND', '转账单不存在')
  if ((cb.amountFen !== undefined && cb.amountFen !== w.amountFen) || (cb.openid !== undefined && cb.openid !== w.promoter)) {
    console.error(`[promoters.transferNotify] ${w._id} does not match: ${cb.amountFen} to ${cb.openid}`)
    return reply(400, 'PARAM_ERROR', '转账单与提现不符')
  }
  await applyTransferState(ctx, w._id, cb)
  return reply(200)
}
