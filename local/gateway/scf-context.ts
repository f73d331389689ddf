import { randomUUID } from 'node:crypto'

/**
 * The context CloudBase hands a function: identity travels in `environment` (WX_* keys named by
 * WX_CONTEXT_KEYS). Building the same shape locally means the production identity reader runs unchanged.
 */
export function scfContext(fn: string, openid: string | null, appid = 'wx-local-appid') {
  return {
    request_id: randomUUID(),
    function_name: fn,
    function_version: '$LATEST',
    namespace: 'local',
    memory_limit_in_mb: 256,
    time_limit_in_ms: 3000,
    environment: JSON.stringify({
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_OPENID: openid ?? '',
      WX_APPID: appid,
    }),
  }
}
