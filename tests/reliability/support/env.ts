import { randomBytes } from 'node:crypto'

// Imported first by run.ts, before anything loads the SDK or the local payment provider: no slow-request chatter,
// and one payment secret shared with child gateways (they must accept the callbacks this process signs).
process.env.SILENCE ||= 'true'
process.env.TUANKA_LOCAL_PAY_SECRET ||= randomBytes(16).toString('hex')
