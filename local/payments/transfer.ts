import { randomBytes } from 'node:crypto'
import { finishLocalBill, LOCAL_MCH_ID, localTransferKeys, readTransferPackage, type LocalBill } from '../../cloudfunctions/promoters/transfer/local'
import { buildTransferCallback } from '../../cloudfunctions/promoters/transfer/v3'
import type { CloudFunctionMain } from '../gateway/functions'
import { scfContext } from '../gateway/scf-context'

/**
 * The local WeChat Pay merchant transfer's confirmation sheet (what wx.requestMerchantTransfer shows in WeChat).
 *
 *   POST /local/transfer   { "package": "<transfer.package of a WithdrawalView>", "action": "confirm" | "cancel" }
 *   200 { ok: true, data: { state: "SUCCESS" | "CANCELLED" | "FAIL", delivered: boolean } }
 *   400 { ok: false, code: "INVALID_INPUT" | "PAYMENT_INVALID" }   bad body, or a package this process did not sign
 *   409 { ok: false, code: "PAYMENT_INVALID", message: "这笔转账已结束" }   the bill already ended the other way
 *
 * confirm = the promoter accepts (收款): the bill becomes SUCCESS; cancel = they close the sheet or decline: the
 * bill becomes CANCELLED. Then, as WeChat does, a v3 callback (MCHTRANSFER.BILL.FINISHED: signed headers, AES-GCM
 * resource) is delivered to the `promoters` function, which verifies it with production's code. Repeating the
 * same action re-delivers the callback (harmless: the withdrawal ends once). `delivered` says whether the
 * function answered 200.
 */
export type LocalTransferAction = 'confirm' | 'cancel'

export type LocalTransferResult =
  | { ok: true; state: LocalBill['state']; delivered: boolean; reply: unknown }
  | { ok: false; status: number; code: 'PAYMENT_INVALID'; message?: string }

/** The callback event WeChat would send for this bill, in the HTTP shape the function receives. */
export function transferCallbackEvent(bill: LocalBill, at = Date.now()) {
  return buildTransferCallback(
    localTransferKeys(),
    {
      mchid: LOCAL_MCH_ID,
      out_bill_no: bill._id,
      transfer_bill_no: `1330LOCAL${randomBytes(8).toString('hex')}`,
      state: bill.state,
      transfer_amount: bill.amountFen,
      openid: bill.openid,
      ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
      create_time: new Date(bill.createdAt).toISOString(),
      update_time: new Date(bill.updatedAt).toISOString(),
    },
    at,
  )
}

export async function actOnLocalTransfer(promoters: CloudFunctionMain, pkg: string, action: LocalTransferAction): Promise<LocalTransferResult> {
  const t = readTransferPackage(pkg)
  if (!t) return { ok: false, status: 400, code: 'PAYMENT_INVALID' }
  const want = action === 'confirm' ? 'SUCCESS' : 'CANCELLED'
  const bill = await finishLocalBill(t.outBillNo, want)
  if (!bill) return { ok: false, status: 400, code: 'PAYMENT_INVALID' }
  if (bill.state !== want) return { ok: false, status: 409, code: 'PAYMENT_INVALID', message: '这笔转账已结束' }
  const reply = (await promoters(transferCallbackEvent(bill), scfContext('promoters', null))) as { statusCode?: number }
  return { ok: true, state: bill.state, delivered: reply?.statusCode === 200, reply }
}
