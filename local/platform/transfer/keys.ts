import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The merchant configured for local runs and the emulated WeChat Pay's own key: what a merchant gets from the
 * merchant platform (商户号, API certificate serial and private key, APIv3 key) and from WeChat Pay (its public key
 * and PUB_KEY_ID). Made once per data dir and kept there, so a restarted stack (or process) answers and verifies
 * with the same keys. Local only: these never leave the machine.
 */
export interface LocalTransferKeys {
  mchId: string
  appId: string
  merchantSerial: string
  merchantPrivateKey: string
  wechatpayPrivateKey: string
  wechatpayPublicKeyId: string
  apiV3Key: string
}

const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()

export function loadOrCreateKeys(dir: string): LocalTransferKeys {
  const file = path.join(dir, 'transfer-keys.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalTransferKeys
  const keys: LocalTransferKeys = {
    mchId: '1900000109',
    appId: 'wx-local-appid',
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKey: pem(),
    wechatpayPrivateKey: pem(),
    wechatpayPublicKeyId: `PUB_KEY_ID_LOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
    // 32 characters, as the merchant platform requires.
    apiV3Key: randomBytes(16).toString('hex'),
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 })
  return keys
}

export const publicKeyOf = (privateKeyPem: string) => createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString()

/**
 * The production client's configuration (cloudfunctions/promoters/transfer/wechat.ts) for this merchant and this
 * emulator: the same variables a deployment sets, pointing at the emulator's base URL.
 */
export function transferEnv(keys: LocalTransferKeys, baseUrl: string, notifyUrl: string): Record<string, string> {
  return {
    TUANKA_TRANSFER_BASE_URL: baseUrl,
    TUANKA_TRANSFER_NOTIFY_URL: notifyUrl,
    TUANKA_MCH_ID: keys.mchId,
    TUANKA_APPID: keys.appId,
    TUANKA_MCH_SERIAL: keys.merchantSerial,
    TUANKA_MCH_PRIVATE_KEY: keys.merchantPrivateKey,
    TUANKA_WECHATPAY_PUBLIC_KEY: publicKeyOf(keys.wechatpayPrivateKey),
    TUANKA_WECHATPAY_PUBLIC_KEY_ID: keys.wechatpayPublicKeyId,
    TUANKA_APIV3_KEY: keys.apiV3Key,
  }
}
