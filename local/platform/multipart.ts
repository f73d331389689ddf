import type { IncomingMessage } from 'node:http'

/** Raw bytes: platform calls carry protobuf (apiOptions), which a utf8 decode would corrupt. */
export function readBytes(req: IncomingMessage, max = 8 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= max) chunks.push(c)
    })
    req.on('end', () => (size > max ? reject(new Error(`request body over ${max} bytes`)) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
  })
}

/**
 * The fields of a multipart/form-data body as the `form-data` package (node-sdk's request-core) writes it:
 * `--boundary\r\n` headers `\r\n\r\n` value `\r\n`, closed by `--boundary--`. Values stay bytes.
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) return null
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`)
  const fields: Record<string, Buffer> = {}
  let at = body.indexOf(delimiter)
  while (at >= 0) {
    const start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') return fields
    const headerEnd = body.indexOf('\r\n\r\n', start)
    const next = body.indexOf(delimiter, start)
    if (headerEnd < 0 || next < 0) return null
    const name = /name="([^"]*)"/i.exec(body.subarray(start, headerEnd).toString('utf8'))?.[1]
    // The value ends before the CRLF that precedes the next delimiter.
    if (name !== undefined) fields[name] = body.subarray(headerEnd + 4, next - 2)
    at = next
  }
  return null
}
