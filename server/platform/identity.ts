import { getCloudbaseContext } from './tcb/context'

export interface Caller {
  /** null for an anonymous caller (h5 without login, pages opened from Moments in single-page mode). */
  openid: string | null
  appid: string | null
}

/**
 * Identity comes only from the platform context the function was invoked with (SCF puts WX_OPENID there),
 * never from the event. The local gateway builds the same SCF-shaped context, so this is the only reader.
 * getCloudbaseContext is node-sdk's `tcb.getCloudbaseContext`, ported (./tcb/context).
 */
export function callerFromContext(context: unknown): Caller {
  if (!context || typeof context !== 'object') return { openid: null, appid: null }
  const env = getCloudbaseContext(context)
  return { openid: nonEmpty(env.WX_OPENID), appid: nonEmpty(env.WX_APPID) }
}

function nonEmpty(x: unknown): string | null {
  return typeof x === 'string' && x.length > 0 ? x : null
}
