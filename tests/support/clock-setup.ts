/**
 * Every jest project runs at a date the tests choose, never the machine's: `TUANKA_TEST_NOW` (ISO 8601 with an
 * offset) or, by default, a fixed instant. Time flows on from there, so timeouts behave. CI runs the date-sensitive
 * projects again at the year's last half-minute and on a leap day (.ci/run).
 */
import { installClock, parseInstant, setClockNow } from '../../local/clock'

export const DEFAULT_TEST_NOW = '2026-11-23T14:00:00+08:00'

const text = process.env.TUANKA_TEST_NOW ?? DEFAULT_TEST_NOW
const instant = parseInstant(text)
if (instant === null) throw new Error(`TUANKA_TEST_NOW must be ISO 8601 with an offset, e.g. 2026-12-31T23:59:30+08:00 (got ${text})`)
installClock(globalThis)
setClockNow(instant, globalThis)
