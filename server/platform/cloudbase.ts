import tcb from '@cloudbase/node-sdk'
import type { Db } from '@cloudbase/database'

/**
 * The one place that initialises the SDK. Production: the function's own environment. Locally the very same
 * call is pointed at the local database server by TCB_CONTEXT_CNFG (set by local/), so no code path differs.
 */
let app: ReturnType<typeof tcb.init> | undefined

export function getApp(): ReturnType<typeof tcb.init> {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  return app
}

export function getDb(): Db {
  return getApp().database()
}

export type { Db }
