import fc from 'fast-check'
import { encodeRecord, scanRecords } from '../src/record-lines'

const jsonText = fc.jsonValue().map((v) => JSON.stringify(v))

test('records round-trip', () => {
  fc.assert(
    fc.property(fc.array(jsonText, { maxLength: 20 }), (texts) => {
      const buf = Buffer.from(texts.map(encodeRecord).join(''), 'utf8')
      const scan = scanRecords(buf)
      expect(scan.badReason).toBeUndefined()
      expect(scan.records).toEqual(texts)
      expect(scan.goodBytes).toBe(buf.length)
    }),
  )
})

test('a file cut anywhere yields exactly the records wholly before the cut', () => {
  fc.assert(
    fc.property(fc.array(jsonText, { minLength: 1, maxLength: 10 }), fc.nat(), (texts, cutSeed) => {
      const lines = texts.map((t) => Buffer.from(encodeRecord(t), 'utf8'))
      const full = Buffer.concat(lines)
      const cut = cutSeed % (full.length + 1)
      const scan = scanRecords(full.subarray(0, cut))
      let whole = 0
      let bytes = 0
      while (whole < lines.length && bytes + lines[whole].length <= cut) bytes += lines[whole++].length
      expect(scan.records).toEqual(texts.slice(0, whole))
      expect(scan.goodBytes).toBe(bytes)
      expect(scan.badReason === undefined).toBe(bytes === cut)
    }),
  )
})

test('any single corrupted byte is caught: nothing from that record on is returned', () => {
  fc.assert(
    fc.property(fc.array(jsonText, { minLength: 1, maxLength: 8 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (texts, posSeed, xor) => {
      const lines = texts.map((t) => Buffer.from(encodeRecord(t), 'utf8'))
      const buf = Buffer.concat(lines)
      const pos = posSeed % buf.length
      buf[pos] ^= xor
      let hit = 0
      for (let off = 0; off + lines[hit].length <= pos; off += lines[hit++].length);
      // CRC-32 catches every error burst up to 32 bits, so the scan stops exactly at the damaged record.
      const scan = scanRecords(buf)
      expect(scan.records).toEqual(texts.slice(0, hit))
      expect(scan.badReason).toBeDefined()
    }),
  )
})
