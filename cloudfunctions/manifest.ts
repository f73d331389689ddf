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
}

export const FUNCTIONS: FunctionManifest[] = [
  { name: 'deals', timeoutSec: 5, memoryMb: 256 },
  { name: 'shops', timeoutSec: 5, memoryMb: 256 },
]
