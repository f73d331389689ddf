import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { post, startHarness } from './helpers'

/**
 * Raw requests the real SDK sent (captured by test/fixtures/capture.ts), replayed over plain HTTP against a
 * fresh server: the replies must match what the SDK got, byte for byte after masking requestId and mapping
 * the random transactionId.
 */
interface Fixture {
  script: string
  exchanges: Array<{ request: Record<string, unknown>; reply: Record<string, unknown> }>
}

const DIR = path.join(__dirname, 'fixtures')
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'))

test('fixtures are present', () => {
  expect(files.length).toBeGreaterThanOrEqual(3)
})

describe.each(files)('replay %s', (file) => {
  const fixture = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Fixture

  test(`${fixture.exchanges.length} exchanges reproduce`, async () => {
    // Recorded before this server refused unknown collections: create the ones the script writes, as TCB needs.
    const names = [...new Set(fixture.exchanges.map((x) => x.request.collectionName).filter((c): c is string => typeof c === 'string'))]
    const h = await startHarness(`fixture-${fixture.script}`, { collections: names })
    try {
      const txIds = new Map<string, string>()
      for (const { request, reply } of fixture.exchanges) {
        let body = JSON.stringify(request)
        for (const [recorded, live] of txIds) body = body.split(recorded).join(live)
        const got = await post(h.server.url, body)
        expect(got.requestId).toEqual(expect.any(String))
        if (typeof reply.transactionId === 'string') {
          expect(got.transactionId).toEqual(expect.any(String))
          txIds.set(reply.transactionId, got.transactionId as string)
          got.transactionId = reply.transactionId
        }
        expect({ action: request.action, reply: { ...got, requestId: '<requestId>' } }).toEqual({ action: request.action, reply })
      }
    } finally {
      await h.stop()
    }
  })
})
