/**
 * Draws the tab bar and bottom-bar icons as small PNG files (no outside images, no image tools):
 * strokes of line segments and arcs, 4×4 supersampled. Run: npx tsx config/icons/make-icons.ts
 * Output: src/assets/tabbar/*.png (committed; the build copies what app.config.ts references).
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'

type Shape = (x: number, y: number) => number // distance from the stroke's centre line, in icon units (0..24)

const seg = (ax: number, ay: number, bx: number, by: number): Shape => (x, y) => {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy))
}
/** Arc of a circle from angle a0 to a1 (radians, 0 = right, clockwise since y points down). */
const arc = (cx: number, cy: number, r: number, a0 = 0, a1 = Math.PI * 2): Shape => (x, y) => {
  let a = Math.atan2(y - cy, x - cx)
  if (a < a0) a += Math.PI * 2
  if (a >= a0 && a <= a1) return Math.abs(Math.hypot(x - cx, y - cy) - r)
  const p0 = [cx + r * Math.cos(a0), cy + r * Math.sin(a0)]
  const p1 = [cx + r * Math.cos(a1), cy + r * Math.sin(a1)]
  return Math.min(Math.hypot(x - p0[0], y - p0[1]), Math.hypot(x - p1[0], y - p1[1]))
}
const poly = (...pts: number[][]): Shape[] => pts.slice(1).map((p, i) => seg(pts[i][0], pts[i][1], p[0], p[1]))
const roundRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape[] => [
  seg(x0 + r, y0, x1 - r, y0),
  seg(x1, y0 + r, x1, y1 - r),
  seg(x1 - r, y1, x0 + r, y1),
  seg(x0, y1 - r, x0, y0 + r),
  arc(x1 - r, y0 + r, r, -Math.PI / 2, 0),
  arc(x1 - r, y1 - r, r, 0, Math.PI / 2),
  arc(x0 + r, y1 - r, r, Math.PI / 2, Math.PI),
  arc(x0 + r, y0 + r, r, Math.PI, (Math.PI * 3) / 2),
]

// Icons on a 24-unit grid (like common icon sets), stroke 1.8 units.
const ICONS: Record<string, Shape[]> = {
  home: [...poly([3, 11], [12, 3.5], [21, 11]), ...poly([5.5, 9.5], [5.5, 20.5], [18.5, 20.5], [18.5, 9.5]), ...poly([10, 20.5], [10, 15], [14, 15], [14, 20.5])],
  orders: [
    ...roundRect(4, 5, 20, 19, 2.5),
    seg(4, 10, 20, 10),
    seg(8, 14, 12, 14),
    seg(15, 14, 16.5, 14),
  ],
  me: [arc(12, 8.5, 4.2), arc(12, 22, 8.5, Math.PI + 0.15, Math.PI * 2 - 0.15)],
  share: [arc(17.5, 5.5, 2.6), arc(6.5, 12, 2.6), arc(17.5, 18.5, 2.6), seg(8.8, 10.7, 15.2, 6.8), seg(8.8, 13.3, 15.2, 17.2)],
}

function render(shapes: Shape[], size: number, rgb: [number, number, number], stroke = 1.8): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size)
  const S = 4
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0
    for (let px = 0; px < size; px++) {
      let hit = 0
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = ((px + (sx + 0.5) / S) / size) * 24
          const y = ((py + (sy + 0.5) / S) / size) * 24
          if (shapes.some((f) => f(x, y) <= stroke / 2)) hit++
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4
      raw[o] = rgb[0]
      raw[o + 1] = rgb[1]
      raw[o + 2] = rgb[2]
      raw[o + 3] = Math.round((hit / (S * S)) * 255)
    }
  }
  return png(size, size, raw)
}

function png(w: number, h: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

const GREY: [number, number, number] = [0x8e, 0x8e, 0x93]
const DARK: [number, number, number] = [0x3a, 0x3a, 0x3c]
const BRAND: [number, number, number] = [0xff, 0x4d, 0x2e]
const out = path.resolve(__dirname, '../../src/assets/tabbar')
for (const name of ['home', 'orders', 'me'] as const) {
  writeFileSync(path.join(out, `${name}.png`), render(ICONS[name], 81, GREY))
  writeFileSync(path.join(out, `${name}-active.png`), render(ICONS[name], 81, BRAND, 2.1))
}
writeFileSync(path.join(out, 'bar-home.png'), render(ICONS.home, 48, DARK))
writeFileSync(path.join(out, 'bar-share.png'), render(ICONS.share, 48, DARK))
console.log(`icons written to ${out}`)
