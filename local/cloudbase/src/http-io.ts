import type { IncomingMessage, ServerResponse } from 'node:http'
import { invalidParam } from './errors'

/** Large enough for a 1000-document add of small docs or a few 512 KB documents. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(c)
    })
    req.on('end', () => {
      if (tooLarge) reject(invalidParam(`request body over ${MAX_BODY_BYTES} bytes`))
      else resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', reject)
  })
}

/** Always HTTP 200: the SDK turns any other status into an error with a numeric code and drops our envelope. */
export function sendJson(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
