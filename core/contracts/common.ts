import * as v from 'valibot'

/** Document ids: short, URL- and scene-safe. Anything else (objects, operators, huge strings) is refused. */
export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/))

export const PageLimit = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 20)

export const Cursor = v.optional(v.pipe(v.string(), v.maxLength(64), v.regex(/^[0-9]+$/)))

/** A client-made key that makes a retried request return the first result (checkout, verification). */
export const IdempotencyKey = v.pipe(v.string(), v.minLength(8), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/))

/** A redemption code as typed or scanned: normalised by the server, so only the length is bounded here. */
export const CodeInput = v.pipe(v.string(), v.minLength(1), v.maxLength(32))

/** Epoch milliseconds: the only time format on the wire. */
export type Millis = number

/**
 * The WeChat group a page was opened from, as the cloudID `wx.getGroupEnterInfo` gives the client. The server
 * trusts only what the platform decrypts from it with `cloud.getOpenData` (locally the platform emulator, which also
 * issues the cloudIDs). Anything else (forged, expired) resolves to "no group".
 */
export const GroupCloudID = v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(512), v.regex(/^[A-Za-z0-9_:.\-]+$/)))
