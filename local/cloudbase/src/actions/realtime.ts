import { Codes, DbError } from '../errors'
import type { ActionContext, ActionReply } from '../params'

/**
 * `auth.wsWebSign` is the first request of the SDK's `watch()` (realtime over a websocket), which this server
 * does not offer. Refusing it by name makes the SDK log this message on every reconnect attempt and, after its
 * retries, call the listener's onError, instead of failing on an unknown action.
 */
export async function refuseRealtime(_ctx: ActionContext): Promise<ActionReply> {
  throw new DbError(
    Codes.REALTIME_UNSUPPORTED,
    'watch() (realtime push) is not supported by the local CloudBase server: read with get() instead, e.g. poll',
  )
}
