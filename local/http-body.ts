import type { IncomingMessage } from 'node:http'

/**
 * A request body up to `max` bytes, for the local gateway and the platform emulators alike. Past the limit it stops
 * buffering (the rest is drained, not kept) and reports `tooLarge`, so each caller answers with its own refusal.
 */
export function readLimited(req: IncomingMessage, max: number): Promise<{ tooLarge: boolean; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (c: Buffer) => {
      if (done) return
      size += c.length
      if (size > max) {
        done = true
        resolve({ tooLarge: true, bytes: Buffer.alloc(0) })
        req.resume()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      if (!done) resolve({ tooLarge: false, bytes: Buffer.concat(chunks) })
    })
    req.on('error', reject)
  })
}
