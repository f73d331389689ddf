import { DEMO_ADMIN_OPENID } from './seed/personas'

/**
 * Points the unchanged production `tcb.init({ env: SYMBOL_CURRENT_ENV })` at a local database server through
 * the SDK's own seam (TCB_CONTEXT_CNFG). The SDK insists on some credential; the local server ignores it.
 */
export function pointSdkAt(serviceUrl: string): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: serviceUrl })
  // Tells the SDK it is not inside Tencent Cloud, so it never probes the metadata host.
  process.env.TENCENTCLOUD ||= 'true'
  process.env.TENCENTCLOUD_SECRETID ||= 'local-secret-id'
  process.env.TENCENTCLOUD_SECRETKEY ||= 'local-secret-key'
  process.env.TUANKA_ADMIN_OPENIDS ||= DEMO_ADMIN_OPENID
  // What a deployed function has: its environment's id (cloudPay's envId names where callbacks go) and the shop's
  // sub-merchant number (TUANKA_SUB_MCH_ID, set at deployment).
  process.env.SCF_NAMESPACE ||= 'tuanka-local'
  process.env.TUANKA_SUB_MCH_ID ||= '1900000109'
}
