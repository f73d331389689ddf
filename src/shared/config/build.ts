/**
 * Build-time choices, read in one place. The constants are replaced by webpack (config/index.ts) so that
 * comparisons on them are folded and the unused backend is dropped from the bundle; jest defines them as globals.
 */
export type BackendMode = 'cloud' | 'gateway'

/** True when the app talks to the local gateway (h5, or weapp built with TUANKA_BACKEND=gateway). */
export function isLocalMode(): boolean {
  return TUANKA_BACKEND === 'gateway'
}

/** Base of the local gateway: '' on h5 (same origin), e.g. http://127.0.0.1:8787 on weapp local builds. */
export function apiBase(): string {
  return TUANKA_API_BASE
}
