/**
 * A state machine as data: the transitions table is the single source of truth, and `guard` answers why a
 * move is refused instead of throwing, so callers can turn the reason into a stable error code.
 */
export type Transitions<S extends string> = { readonly [K in S]: readonly S[] }

export type GuardResult = { ok: true } | { ok: false; reason: 'same_state' | 'not_allowed' }

export function guard<S extends string>(table: Transitions<S>, from: S, to: S): GuardResult {
  if (from === to) return { ok: false, reason: 'same_state' }
  return table[from].includes(to) ? { ok: true } : { ok: false, reason: 'not_allowed' }
}

export function terminalStates<S extends string>(table: Transitions<S>): S[] {
  return (Object.keys(table) as S[]).filter((s) => table[s].length === 0)
}

/** States reachable from `start` by following the table (breadth first). */
export function reachableFrom<S extends string>(table: Transitions<S>, start: S): Set<S> {
  const seen = new Set<S>([start])
  const queue: S[] = [start]
  while (queue.length) for (const next of table[queue.shift()!]) if (!seen.has(next)) seen.add(next), queue.push(next)
  return seen
}
