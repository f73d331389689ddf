import type { TransferParams } from '@core/contracts/views'

/**
 * States of a WeChat Pay merchant transfer bill (商家转账, user-confirmation mode), plus NOT_FOUND for a query of
 * a bill WeChat never created. Only SUCCESS, FAIL and CANCELLED are final; WeChat spells the in-between
 * cancelling state CANCELING (CANCELLING is accepted too).
 */
export type TransferState =
  | 'ACCEPTED'
  | 'PROCESSING'
  | 'WAIT_USER_CONFIRM'
  | 'TRANSFERING'
  | 'SUCCESS'
  | 'FAIL'
  | 'CANCELING'
  | 'CANCELLING'
  | 'CANCELLED'
  | 'NOT_FOUND'

export interface TransferCreate {
  /** The withdrawal's id: letters and digits only, ≤ 32 (WeChat's out_bill_no rule). */
  outBillNo: string
  openid: string
  amountFen: number
  /** Shown to the user on the confirmation sheet and in their wallet (≤ 32 characters). */
  remark: string
}

export interface TransferCreated {
  state: TransferState
  /** What wx.requestMerchantTransfer needs (package), present while the bill waits for the user's confirmation. */
  packageInfo?: string
  /** WeChat's reason code when the bill failed at once. */
  failReason?: string
}

export interface TransferQueried {
  state: TransferState
  failReason?: string
}

/** A callback that proved it comes from the provider (signature and AEAD both checked). */
export interface TransferCallback {
  outBillNo: string
  state: TransferState
  failReason?: string
  /** What the provider says it moved, and to whom: checked against the withdrawal. */
  amountFen?: number
  openid?: string
}

/** How the function answers the provider's HTTP callback (an SCF integration response). */
export interface HttpReply {
  statusCode: number
  headers?: Record<string, string>
  body: string
}

/**
 * WeChat Pay merchant transfer behind a small interface (the seam tests fake): API v3 over HTTPS (wechat.ts),
 * against api.mch.weixin.qq.com or, in local runs and tests, the emulator in local/platform/transfer.
 */
export interface TransferGateway {
  /** Idempotent by outBillNo: asking again for the same bill never pays twice. */
  create(t: TransferCreate): Promise<TransferCreated>
  query(outBillNo: string): Promise<TransferQueried>
  /** Verifies an HTTP-shaped callback event and decrypts it; null when it cannot be trusted. */
  verifyCallback(event: unknown): Promise<TransferCallback | null>
  /** What the client passes to wx.requestMerchantTransfer (locally the emulator's sheet takes `package`). */
  params(packageInfo: string): TransferParams
}

export const isFinalState = (s: TransferState) => s === 'SUCCESS' || s === 'FAIL' || s === 'CANCELLED'

/**
 * A WeChat Pay v3 callback reaches the function through its HTTP access path: an event with `httpMethod`,
 * `headers` carrying Wechatpay-Signature, and the body. Client calls always carry `action` and never headers.
 */
export function looksLikeTransferCallback(event: unknown): boolean {
  const e = event as Record<string, unknown> | null
  if (!e || typeof e !== 'object' || Array.isArray(e) || 'action' in e) return false
  if (typeof e.httpMethod !== 'string' || !e.headers || typeof e.headers !== 'object') return false
  return Object.keys(e.headers as object).some((k) => k.toLowerCase() === 'wechatpay-signature')
}
