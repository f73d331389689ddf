import { crc32 } from 'node:zlib'

/**
 * On-disk record framing shared by the journal and the snapshot: one record per line,
 * `<crc32 as 8 hex> <json>\n`. JSON never contains a raw newline, so a torn write shows up as a last line
 * without '\n' or with a checksum that does not match; either way everything from there on is cut.
 */
export function encodeRecord(json: string): string {
  return `${crc32(Buffer.from(json, 'utf8')).toString(16).padStart(8, '0')} ${json}\n`
}

export interface ScanResult {
  records: string[]
  /** Byte offset where each record's line starts. */
  offsets: number[]
  /** Bytes up to and including the last good record. */
  goodBytes: number
  /** Why the rest (buf.length - goodBytes bytes) is unusable; undefined when the whole buffer was good. */
  badReason?: string
}

export function scanRecords(buf: Buffer): ScanResult {
  const records: string[] = []
  const offsets: number[] = []
  let pos = 0
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos)
    if (nl === -1) return { records, offsets, goodBytes: pos, badReason: 'partial record (no terminating newline)' }
    const line = buf.subarray(pos, nl)
    if (line.length < 10 || line[8] !== 0x20) return { records, offsets, goodBytes: pos, badReason: 'malformed record' }
    const expected = Number.parseInt(line.toString('latin1', 0, 8), 16)
    const body = line.subarray(9)
    if (!/^[0-9a-f]{8}$/.test(line.toString('latin1', 0, 8)) || crc32(body) !== expected) {
      return { records, offsets, goodBytes: pos, badReason: 'checksum mismatch' }
    }
    records.push(body.toString('utf8'))
    offsets.push(pos)
    pos = nl + 1
  }
  return { records, offsets, goodBytes: pos }
}
