import { create } from 'qrcode/lib/core/qrcode'

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  size: number
  dark(row: number, col: number): boolean
}

/** UTF-8 bytes of a string (the mini-program runtime has no TextEncoder everywhere). */
export function utf8(text: string): Uint8Array {
  const out: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return new Uint8Array(out)
}

/**
 * The QR code of `text` as a module matrix (qrcode's `create()`; error correction M, one byte-mode segment), to
 * be drawn on a canvas by the poster.
 */
export function qrMatrix(text: string): QrMatrix {
  const qr = create([{ data: utf8(text), mode: 'byte' }], { errorCorrectionLevel: 'M' })
  const { size, data } = qr.modules
  return { size, dark: (row, col) => data[row * size + col] === 1 }
}
