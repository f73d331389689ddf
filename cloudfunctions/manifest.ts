/**
 * Deployment facts of every cloud function: the build writes each `config.json` and `cloudbaserc.json` from
 * this list, so what is deployed and what runs locally cannot drift apart.
 */
export interface FunctionManifest {
  name: string
  timeoutSec: number
  memoryMb: number
  /** TCB timer triggers, 7-field cron (sec min hour day month week year). */
  timers?: { name: string; cron: string }[]
  /** WeChat open APIs the function calls through the cloud (needs `permissions.openapi`). */
  openapi?: string[]
  /** Packages installed in the cloud instead of bundled (wx-server-sdk carries its own SDK copy: load it only where needed). */
  external?: Record<string, string>
}

const WX = { 'wx-server-sdk': '4.0.2' }
const MESSAGES = ['subscribeMessage.send']
/** The live group card (拼团 progress in the WeChat group) is moved wherever an order's group changes. */
const GROUP_CARD = ['updatableMessage.createActivityId', 'updatableMessage.setUpdatableMsg']
/** 发货信息 (server/platform/shipping.ts): uploads on the timer, reads WeChat's state there and on 确认收货. */
const SHIPPING = ['wxa.sec.order.uploadShippingInfo', 'wxa.sec.order.getOrder']

export const FUNCTIONS: FunctionManifest[] = [
  // deals and shops notify users too (server/notify): without wx-server-sdk and the permission their messages stay in the app.
  { name: 'deals', timeoutSec: 5, memoryMb: 256, external: WX, openapi: MESSAGES },
  { name: 'shops', timeoutSec: 5, memoryMb: 256, external: WX, openapi: MESSAGES },
  // orders reads WeChat's shipping state when the buyer confirms receipt (orders/receipt.ts, with the shipping module).
  { name: 'orders', timeoutSec: 10, memoryMb: 256, external: WX, openapi: [...MESSAGES, ...GROUP_CARD, ...SHIPPING] },
  { name: 'redemption', timeoutSec: 5, memoryMb: 256, external: WX, openapi: MESSAGES },
  { name: 'promoters', timeoutSec: 5, memoryMb: 256, external: WX, openapi: ['wxacode.getUnlimited', ...MESSAGES] },
  { name: 'payments', timeoutSec: 10, memoryMb: 256, external: WX, openapi: [...MESSAGES, ...GROUP_CARD] },
  {
    name: 'timers',
    timeoutSec: 60,
    memoryMb: 256,
    external: WX,
    // 发货信息 (orders/shipping.ts) runs on the timer: it uploads and reads shipping state.
    openapi: [...MESSAGES, ...GROUP_CARD, ...SHIPPING],
    timers: [
      { name: 'closeUnpaid', cron: '0 * * * * * *' },
      { name: 'refundExpired', cron: '0 */10 * * * * *' },
      { name: 'retryRefunds', cron: '30 */5 * * * * *' },
      { name: 'remindExpiring', cron: '0 0 10 * * * *' },
      { name: 'groupDeadline', cron: '15 * * * * * *' },
      { name: 'reconcileTransfers', cron: '45 */5 * * * * *' },
      { name: 'uploadShipping', cron: '20 * * * * * *' },
    ],
  },
]
