/**
 * The local runtime's clock: "now" = the machine's clock + an offset, for every `Date` in this process (and, through
 * the gateway, in the h5 app). Lets a developer or a test move time from outside (`POST /local/clock`) and lets the
 * tests run at any date they choose (`TUANKA_TEST_NOW`). Time keeps flowing from the chosen instant, so timeouts
 * and rate-limit windows behave as they do in production. Production never loads this module.
 */

type DateCtor = DateConstructor & { __tuankaClock?: ClockState }
interface ClockState {
  offsetMs: number
  real: DateConstructor
}

function stateOf(g: typeof globalThis): ClockState | undefined {
  return (g.Date as DateCtor).__tuankaClock
}

/** Replaces `g.Date` by a Date whose "now" is shifted by the clock's offset (idempotent per global object). */
export function installClock(g: typeof globalThis = globalThis): ClockState {
  const existing = stateOf(g)
  if (existing) return existing
  const Real = g.Date
  const state: ClockState = { offsetMs: 0, real: Real }
  class ShiftedDate extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Real.now() + state.offsetMs)
      else super(...(args as [string | number | Date]))
    }
    static now(): number {
      return Real.now() + state.offsetMs
    }
    // Dates made before the install, or by code holding the original constructor, are still Dates.
    static [Symbol.hasInstance](v: unknown): boolean {
      return v instanceof Real
    }
  }
  Object.defineProperty(ShiftedDate, '__tuankaClock', { value: state })
  // `Date()` called without `new` answers a string of "now", as the original does.
  const callable = new Proxy(ShiftedDate, {
    apply: () => new Real(Real.now() + state.offsetMs).toString(),
  })
  g.Date = callable as unknown as DateConstructor
  return state
}

/** Milliseconds the clock is ahead of the machine's (negative: behind). */
export function clockOffset(g: typeof globalThis = globalThis): number {
  return stateOf(g)?.offsetMs ?? 0
}

export function setClockOffset(offsetMs: number, g: typeof globalThis = globalThis): void {
  if (!Number.isFinite(offsetMs)) throw new RangeError('clock offset must be a finite number of milliseconds')
  installClock(g).offsetMs = Math.trunc(offsetMs)
}

/** Moves the clock so that "now" is `instantMs` (and flows on from there). */
export function setClockNow(instantMs: number, g: typeof globalThis = globalThis): void {
  const state = installClock(g)
  state.offsetMs = Math.trunc(instantMs - state.real.now())
}

/** Parses an instant given as ISO 8601 with an explicit offset or `Z` (never the machine's time zone); null if not a real one. */
export function parseInstant(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(text)
  if (!m) return null
  const [y, mo, d, h, mi, s = '0', oh = '0', om = '0'] = m.slice(1)
  // Date.parse rolls 02-30 over into March; a calendar check refuses it instead.
  const daysInMonth = new Date(Date.UTC(+y, +mo, 0)).getUTCDate()
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > daysInMonth || +h > 23 || +mi > 59 || +s > 59 || +oh > 14 || +om > 59) return null
  const ms = Date.parse(text)
  return Number.isFinite(ms) ? ms : null
}

/**
 * The same clock for the h5 app, as a script the gateway puts in front of the app's own: the page's `Date` follows
 * `offsetMs`, and every function reply's `x-tuanka-clock-offset` header keeps it in step with later moves.
 */
export function browserClockScript(offsetMs: number): string {
  return `(function(){var R=Date,o=${Math.trunc(offsetMs)};
class D extends R{constructor(...a){if(a.length===0)super(R.now()+o);else super(...a)}static now(){return R.now()+o}static[Symbol.hasInstance](v){return v instanceof R}}
window.Date=new Proxy(D,{apply:function(){return new R(R.now()+o).toString()}});
var f=window.fetch;if(f)window.fetch=function(){return f.apply(this,arguments).then(function(r){var h=r.headers.get('x-tuanka-clock-offset');if(h!==null&&isFinite(+h))o=+h;return r})};
})();`
}
