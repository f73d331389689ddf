import { create } from 'qrcode/lib/core/qrcode'

/** A QR code as its module matrix: `size` × `size`, `dark[row * size + col]`. */
export interface QrMatrix {
  size: number
  dark: Uint8Array
}

/** What QR's alphanumeric mode can carry (redemption codes are upper-case letters and digits). */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/

/**
 * The module matrix of `text` at error correction level M. Alphanumeric text is encoded in that mode on purpose:
 * a 12-character code then fits a version 1 symbol (21 × 21), large modules that scan easily at the counter, and
 * the byte-mode path (TextEncoder, absent on some mini-program runtimes) is never taken.
 */
export function qrMatrix(text: string): QrMatrix {
  const qr = create(ALPHANUMERIC.test(text) ? [{ data: text, mode: 'alphanumeric' }] : text, { errorCorrectionLevel: 'M' })
  const { size, data } = qr.modules
  const dark = new Uint8Array(size * size)
  for (let i = 0; i < size * size; i++) dark[i] = data[i] ? 1 : 0
  return { size, dark }
}

/** Runs of dark modules per row ([row, start, length]): the fewest rectangles that draw the code. */
export function darkRuns(m: QrMatrix): [number, number, number][] {
  const runs: [number, number, number][] = []
  for (let r = 0; r < m.size; r++) {
    let c = 0
    while (c < m.size) {
      if (!m.dark[r * m.size + c]) {
        c++
        continue
      }
      const start = c
      while (c < m.size && m.dark[r * m.size + c]) c++
      runs.push([r, start, c - start])
    }
  }
  return runs
}

/** The code as an SVG document: white background with a quiet zone of `margin` modules, crisp square modules. */
export function qrSvg(m: QrMatrix, margin = 2, color = '#1d1d1f'): string {
  const n = m.size + margin * 2
  let d = ''
  for (const [r, c, len] of darkRuns(m)) d += `M${c + margin} ${r + margin}h${len}v1h-${len}z`
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges"><rect width="${n}" height="${n}" fill="#fff"/><path fill="${color}" d="${d}"/></svg>`
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

/** Paints the matrix on a 2D canvas context of `px` × `px` device pixels (the mini-program's Canvas 2D). */
export function paintQr(ctx: { fillStyle: unknown; fillRect(x: number, y: number, w: number, h: number): void }, m: QrMatrix, px: number, margin = 2, color = '#1d1d1f'): void {
  const n = m.size + margin * 2
  const at = (i: number) => Math.round((i * px) / n)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, px, px)
  ctx.fillStyle = color
  for (const [r, c, len] of darkRuns(m)) {
    const x = at(c + margin)
    const y = at(r + margin)
    ctx.fillRect(x, y, at(c + margin + len) - x, at(r + margin + 1) - y)
  }
}
