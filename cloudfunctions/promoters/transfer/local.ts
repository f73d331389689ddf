import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto'
import type { TransferParams } from '@core/contracts/views'
import { checked, isDuplicateKey } from '../../../server/db'
import { LOCAL_BILLS } from '../collections'
import { getDb } from '../../../server/platform/cloudbase'
import type { TransferCallback, TransferCreate, TransferCreated, TransferGateway, TransferQueried, TransferState } from './types'
import { parseTransferCallback } from './v3'

/**
 * The local stand-in for WeChat Pay's merchant transfer. Bills live in the local database (`local_transfer_bills`,
 * the provider's side, never read by the product), so a query after a restart still knows them. The package
 * handed to the client is a token signed with a per-process secret; the simulated 确认收款 sheet posts it to the
 * gateway's /local/transfer (local/payments/transfer.ts), which settles the bill and delivers a callback of
 * WeChat's v3 shape — signed with a local RSA key pair, resource encrypted with a local APIv3 key — to the
 * `promoters` function, where the production verification (v3.ts) checks it. Like WeChat, an unconfirmed bill
 * is cancelled 24 h after creation (seen by query). `TUANKA_LOCAL_TRANSFER_FAIL=1` makes new bills fail at
 * once (to exercise the give-back); `TUANKA_LOCAL_TRANSFER_DOWN=1` makes create and query throw, as an
 * unreachable WeChat would (to exercise retries and the reconcile timer).
 */
export { LOCAL_BILLS }
export const LOCAL_PUBLIC_KEY_ID = 'PUB_KEY_ID_LOCAL_TUANKA'
export const LOCAL_MCH_ID = 'local-mch'
export const UNCONFIRMED_EXPIRY_MS = 24 * 3600 * 1000

export interface LocalBill {
  _id: string
  openid: string
  amountFen: number
  state: TransferState
  failReason: string | null
  createdAt: Date
  updatedAt: Date
}

const env = process.env
const secret = () => (env.TUANKA_LOCAL_TRANSFER_SECRET ||= randomBytes(16).toString('hex'))

/** The local provider's keys, per process (in the environment, so every copy of this module shares them). */
export function localTransferKeys(): { privateKey: string; publicKey: string; publicKeyId: string; apiV3Key: string } {
  if (!env.TUANKA_LOCAL_TRANSFER_KEY) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    env.TUANKA_LOCAL_TRANSFER_KEY = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  }
  env.TUANKA_LOCAL_APIV3_KEY ||= randomBytes(16).toString('hex')
  const privateKey = env.TUANKA_LOCAL_TRANSFER_KEY
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString()
  return { privateKey, publicKey, publicKeyId: LOCAL_PUBLIC_KEY_ID, apiV3Key: env.TUANKA_LOCAL_APIV3_KEY }
}

const sign = (text: string) => createHmac('sha256', secret()).update(text).digest('hex')

export function transferPackage(b: { outBillNo: string; openid: string; amountFen: number }): string {
  const body = Buffer.from(JSON.stringify(b)).toString('base64url')
  return `${body}.${sign(body)}`
}

export function readTransferPackage(pkg: string): { outBillNo: string; openid: string; amountFen: number } | null {
  const [body, sig] = pkg.split('.')
  if (!body || typeof sig !== 'string' || sig.length !== 64) return null
  if (!timingSafeEqual(Buffer.from(sign(body)), Buffer.from(sig))) return null
  try {
    const t = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    return typeof t.outBillNo === 'string' && typeof t.openid === 'string' && typeof t.amountFen === 'number' ? t : null
  } catch {
    return null
  }
}

const bills = () => getDb().collection(LOCAL_BILLS)

async function getBill(outBillNo: string): Promise<LocalBill | null> {
  return ((await bills().doc(outBillNo).get()).data[0] as LocalBill | undefined) ?? null
}

/** Moves a waiting bill to its final state once; answers the bill as it ends up (null when unknown). */
export async function finishLocalBill(outBillNo: string, state: 'SUCCESS' | 'CANCELLED' | 'FAIL', failReason: string | null = null): Promise<LocalBill | null> {
  await bills().where({ _id: outBillNo, state: 'WAIT_USER_CONFIRM' }).update({ state, failReason, updatedAt: new Date() })
  return getBill(outBillNo)
}

export const localTransferGateway: TransferGateway = {
  async create(t: TransferCreate): Promise<TransferCreated> {
    if (env.TUANKA_LOCAL_TRANSFER_DOWN === '1') throw new Error('local transfer provider unreachable (TUANKA_LOCAL_TRANSFER_DOWN=1)')
    const fail = env.TUANKA_LOCAL_TRANSFER_FAIL === '1'
    const now = new Date()
    const bill: LocalBill = {
      _id: t.outBillNo,
      openid: t.openid,
      amountFen: t.amountFen,
      state: fail ? 'FAIL' : 'WAIT_USER_CONFIRM',
      failReason: fail ? 'PAYEE_ACCOUNT_ABNORMAL' : null,
      createdAt: now,
      updatedAt: now,
    }
    let b = bill
    try {
      checked(await bills().add(bill))
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      b = (await getBill(t.outBillNo)) as LocalBill
    }
    if (b.state === 'WAIT_USER_CONFIRM') return { state: b.state, packageInfo: transferPackage({ outBillNo: b._id, openid: b.openid, amountFen: b.amountFen }) }
    return { state: b.state, ...(b.failReason ? { failReason: b.failReason } : {}) }
  },

  async query(outBillNo: string): Promise<TransferQueried> {
    if (env.TUANKA_LOCAL_TRANSFER_DOWN === '1') throw new Error('local transfer provider unreachable (TUANKA_LOCAL_TRANSFER_DOWN=1)')
    let b = await getBill(outBillNo)
    if (!b) return { state: 'NOT_FOUND' }
    if (b.state === 'WAIT_USER_CONFIRM' && Date.now() - +b.createdAt >= UNCONFIRMED_EXPIRY_MS) b = (await finishLocalBill(outBillNo, 'CANCELLED')) ?? b
    return { state: b.state, ...(b.failReason ? { failReason: b.failReason } : {}) }
  },

  async verifyCallback(event: unknown): Promise<TransferCallback | null> {
    const k = localTransferKeys()
    return parseTransferCallback(event, { publicKey: k.publicKey, publicKeyId: k.publicKeyId, apiV3Key: k.apiV3Key })
  },

  params(packageInfo: string, amountFen: number): TransferParams {
    return { provider: 'local', package: packageInfo, amountFen }
  },
}
