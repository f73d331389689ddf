import type { CloudFunctionMain } from '../gateway/functions'
import { scfContext } from '../gateway/scf-context'

/** Fires the timers function the way TCB's timer triggers do (event with TriggerName, no user identity). */
export function fireTimer(timers: CloudFunctionMain, name: string): Promise<unknown> {
  return timers({ Type: 'Timer', TriggerName: name, Time: new Date().toISOString(), Message: '' }, scfContext('timers', null))
}

/** The timer triggers of cloudfunctions/manifest.ts, in the order the local schedule fires them. */
export const TIMER_NAMES = ['closeUnpaid', 'groupDeadline', 'refundExpired', 'retryRefunds', 'remindExpiring', 'reconcileTransfers', 'uploadShipping'] as const

/** Local schedule, faster than production's so a demo sees unpaid orders close without waiting an hour. */
export function startTimerLoop(timers: CloudFunctionMain, everyMs = 20_000, log?: (l: string) => void): () => void {
  let running = false
  const h = setInterval(async () => {
    if (running) return
    running = true
    try {
      for (const n of TIMER_NAMES) {
        const r = (await fireTimer(timers, n)) as { ok: boolean; data?: Record<string, number> }
        if (r.ok && r.data && Object.values(r.data).some((v) => v > 0)) log?.(`timer ${n}: ${JSON.stringify(r.data)}`)
      }
    } finally {
      running = false
    }
  }, everyMs)
  h.unref()
  return () => clearInterval(h)
}
