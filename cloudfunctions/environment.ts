/**
 * The environment variables each function reads, declared (npm run deploy:check lists them with the ones unset).
 * tests/unit/deploy-env.test.ts reads every source file bundled into each function and fails when a function reads a
 * variable not declared here, or one declared here is no longer read: this list cannot fall behind the code.
 * `*` ends a family read by prefix (TUANKA_TEMPLATE_<KIND>).
 */
export type EnvNeed = 'required' | 'optional' | 'platform' | 'local'

export interface EnvVar {
  need: EnvNeed
  /** What it is, where it comes from. */
  what: string
}

export const ENV_VARS: Record<string, EnvVar> = {
  TUANKA_ADMIN_OPENIDS: { need: 'required', what: 'openids of the platform admins (comma-separated); cloudbaserc passes it from the deploying shell' },
  TUANKA_SHARE_SALT: { need: 'optional', what: 'salt of the share codes and group hashes (default "tuanka"; set one secret value per environment, never change it)' },
  TUANKA_SUB_MCH_ID: { need: 'required', what: 'WeChat Pay sub-merchant number (service-provider mode): unifiedOrder, queryOrder, refund' },
  'TUANKA_TEMPLATE_*': { need: 'optional', what: 'subscribe-message template id per kind (PAID, GROUP_SUCCEEDED, GROUP_FAILED, EXPIRING, REDEEMED, REFUNDED, SETTLED, WITHDRAWAL); unset kinds are only kept in the app' },
  'TUANKA_TEMPLATE_FIELDS_*': { need: 'optional', what: 'the template\'s two field names per kind (default "thing1,thing2")' },
  TUANKA_WXACODE_ENV: { need: 'optional', what: 'mini-program version poster codes open: release (default), trial or develop' },
  TUANKA_APPID: { need: 'required', what: 'the mini-program appid (merchant transfers)' },
  TUANKA_MCH_ID: { need: 'required', what: 'WeChat Pay merchant number of the transfers' },
  TUANKA_MCH_SERIAL: { need: 'required', what: 'serial of the merchant API certificate' },
  TUANKA_MCH_PRIVATE_KEY: { need: 'required', what: 'merchant API private key (PEM, \\n escapes allowed)' },
  TUANKA_WECHATPAY_PUBLIC_KEY: { need: 'required', what: 'WeChat Pay public key (PEM) that signs transfer answers and callbacks' },
  TUANKA_WECHATPAY_PUBLIC_KEY_ID: { need: 'optional', what: 'its id (PUB_KEY_ID_…), recommended' },
  TUANKA_APIV3_KEY: { need: 'required', what: 'APIv3 key (32 characters) that encrypts transfer callbacks' },
  TUANKA_TRANSFER_NOTIFY_URL: { need: 'required', what: 'HTTP access path of the promoters function (transfer callbacks)' },
  TUANKA_TRANSFER_SCENE_ID: { need: 'optional', what: 'transfer scene (default 1000 现金营销)' },
  TUANKA_TRANSFER_SCENE_REPORT: { need: 'optional', what: 'JSON report infos of the scene (default: the two scene 1000 requires)' },
  TUANKA_TRANSFER_PERCEPTION: { need: 'optional', what: 'what the promoter sees the transfer as (default 现金奖励)' },
  TUANKA_TRANSFER_BASE_URL: { need: 'optional', what: 'WeChat Pay v3 host (default api.mch.weixin.qq.com; the local stack points it at its emulator)' },
  // Set by TCB/SCF itself, read by the SDK ports (server/platform/tcb): nothing to configure.
  CBR_ENV_ID: { need: 'platform', what: 'CloudBase Run environment id' },
  SCF_NAMESPACE: { need: 'platform', what: 'the environment id (cloudPay envId: where WeChat Pay calls back)' },
  SILENCE: { need: 'platform', what: 'quiets the database requester\'s warnings' },
  SUMERU_ENV: { need: 'platform', what: 'TCB environment marker' },
  TCB_CONTEXT_KEYS: { need: 'platform', what: 'context keys TCB passes' },
  TCB_ENV: { need: 'platform', what: 'TCB environment id' },
  TENCENTCLOUD: { need: 'platform', what: 'set inside Tencent Cloud' },
  TENCENTCLOUD_REGION: { need: 'platform', what: 'region' },
  TENCENTCLOUD_RUNENV: { need: 'platform', what: 'SCF runtime marker' },
  WX_APPID: { need: 'platform', what: 'caller\'s appid (function context)' },
  WX_CONTEXT_KEYS: { need: 'platform', what: 'WeChat context keys' },
  WX_OPENID: { need: 'platform', what: 'caller\'s openid (function context): the only identity' },
}

const PLATFORM = Object.entries(ENV_VARS).filter(([, v]) => v.need === 'platform' || v.need === 'local').map(([k]) => k)
const MESSAGES = ['TUANKA_SHARE_SALT', 'TUANKA_TEMPLATE_*', 'TUANKA_TEMPLATE_FIELDS_*']
const PAY = ['TUANKA_SUB_MCH_ID']
const TRANSFER = [
  'TUANKA_APPID', 'TUANKA_MCH_ID', 'TUANKA_MCH_SERIAL', 'TUANKA_MCH_PRIVATE_KEY', 'TUANKA_WECHATPAY_PUBLIC_KEY', 'TUANKA_WECHATPAY_PUBLIC_KEY_ID',
  'TUANKA_APIV3_KEY', 'TUANKA_TRANSFER_NOTIFY_URL', 'TUANKA_TRANSFER_SCENE_ID', 'TUANKA_TRANSFER_SCENE_REPORT', 'TUANKA_TRANSFER_PERCEPTION', 'TUANKA_TRANSFER_BASE_URL',
]

/** Per function (cloudfunctions/manifest.ts names), every variable its bundled code reads. */
export const FUNCTION_ENV: Record<string, readonly string[]> = {
  deals: [...PLATFORM, ...MESSAGES],
  shops: [...PLATFORM, ...MESSAGES, ...PAY, 'TUANKA_ADMIN_OPENIDS', 'TUANKA_WXACODE_ENV'],
  orders: [...PLATFORM, ...MESSAGES, ...PAY, 'TUANKA_WXACODE_ENV'],
  redemption: [...PLATFORM, ...MESSAGES],
  promoters: [...PLATFORM, ...MESSAGES, ...TRANSFER, 'TUANKA_WXACODE_ENV'],
  payments: [...PLATFORM, ...MESSAGES, ...PAY, 'TUANKA_WXACODE_ENV'],
  timers: [...PLATFORM, ...MESSAGES, ...PAY, ...TRANSFER, 'TUANKA_WXACODE_ENV'],
}

/** Whether a declared variable (or family) has a value in `env`; a family is set when any member is. */
export function isSet(name: string, env: Record<string, string | undefined>): boolean {
  if (name.endsWith('*')) return Object.entries(env).some(([k, v]) => k.startsWith(name.slice(0, -1)) && !!v)
  return !!env[name]
}
