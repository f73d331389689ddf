import * as v from 'valibot'

/** Document ids: short, URL- and scene-safe. Anything else (objects, operators, huge strings) is refused. */
export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/))

export const PageLimit = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 20)

/** Epoch milliseconds: the only time format on the wire. */
export type Millis = number
