import { Db } from '@cloudbase/database'
import { normalizeConfig, SYMBOL_CURRENT_ENV, TcbDbRequester, type TcbConfig } from './tcb/requester'

/**
 * The one place that opens the database: @cloudbase/database (what node-sdk's `init(...).database()` returns) over
 * a port of node-sdk's own database requester (./tcb), so a cold start evaluates only the database client, not
 * the whole SDK. Production: the function's own environment and keys. Locally the very same code is pointed at
 * the local database server by TCB_CONTEXT_CNFG (set by local/), so no code path differs.
 */
let config: TcbConfig | undefined

export function getDb(): Db {
  config ??= normalizeConfig({ env: SYMBOL_CURRENT_ENV })
  Db.reqClass = TcbDbRequester
  return new Db({ ...config })
}

export type { Db }
