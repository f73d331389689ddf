// qrcode's encoder core only (no canvas/SVG renderers): the matrix is drawn with Views.
import type { QRCodeSegment } from 'qrcode'
import { create } from 'qrcode/lib/core/qrcode.js'

/** One row of a QR code as dark runs: `[start, length]` in modules. */
export type QrRow = [number, number][]

/** ASCII/UTF-8 bytes without TextEncoder (the mini-program runtime may not have it). */
function utf8(text: string): Uint8Array {
  const out: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return new Uint8Array(out)
}

/**
 * The QR matrix of `text` as rows of dark runs: a 33×33 code becomes a few hundred Views instead of 1089 cells
 * (the mini-program's node budget is 1000 for a whole page).
 */
export function qrRows(text: string): { size: number; rows: QrRow[] } {
  const segment = { mode: 'byte', data: utf8(text) } as QRCodeSegment
  const qr = create([segment], { errorCorrectionLevel: 'M' })
  const { size, data } = qr.modules
  const rows: QrRow[] = []
  for (let y = 0; y < size; y++) {
    const row: QrRow = []
    let x = 0
    while (x < size) {
      if (!data[y * size + x]) {
        x++
        continue
      }
      const start = x
      while (x < size && data[y * size + x]) x++
      row.push([start, x - start])
    }
    rows.push(row)
  }
  return { size, rows }
}
