import { formatYuan } from '@core/money/format-yuan'
import { qrMatrix } from './qr'

/** Poster size in canvas pixels (shown at half size: 300 × 530 on a phone). */
export const POSTER_W = 600
export const POSTER_H = 1060

export interface PosterData {
  title: string
  priceFen: number
  originalPriceFen: number
  shopName: string
  /** Loadable URL of the deal's cover (null: a placeholder is drawn). */
  cover: string | null
  promoterName: string
  /** Loadable URL of the promoter's avatar (null: the name's first character in a circle). */
  avatar: string | null
  /**
   * The code to scan: a mini-program code image (production: promoters.posterCode, made loadable first) or a QR
   * code of a text (locally the h5 deal address), drawn here module by module.
   */
  code: PosterCodeSource
  /** Line under the code, e.g. 长按识别二维码. */
  scanHint: string
}

export type PosterCodeSource = { kind: 'qr'; text: string } | { kind: 'image'; src: string }

/** The part of the 2D context the poster uses: the same on an h5 canvas and a mini-program Canvas 2D node. */
export type PosterCtx = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'fillRect'
  | 'fillText'
  | 'measureText'
  | 'drawImage'
  | 'save'
  | 'restore'
  | 'beginPath'
  | 'closePath'
  | 'moveTo'
  | 'lineTo'
  | 'arc'
  | 'arcTo'
  | 'clip'
  | 'fill'
  | 'stroke'
>

/** An image ready to draw with its natural size, or null when it could not be loaded. */
export interface LoadedImage {
  source: CanvasImageSource
  width: number
  height: number
}
export type ImageLoader = (src: string) => Promise<LoadedImage | null>

const FONT = `'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif`
const RED = '#ff4d2e'
const INK = '#1d1d1f'
const GREY = '#8e8e93'
const GREEN = '#0a8f5a'
const PAD = 40

/**
 * Composes the poster: the promoter (avatar, name) on a warm band, the deal's cover (5:4), title, price, refund
 * promises, the shop, and the code with its hint. Images are loaded first; a cover or avatar that fails becomes a
 * placeholder. A code image that fails cannot be replaced (a poster nobody can scan is worthless): it throws.
 */
export async function drawPoster(ctx: PosterCtx, d: PosterData, loadImage: ImageLoader): Promise<void> {
  const [cover, avatar, codeImage] = await Promise.all([
    d.cover ? loadImage(d.cover) : null,
    d.avatar ? loadImage(d.avatar) : null,
    d.code.kind === 'image' ? loadImage(d.code.src) : null,
  ])
  if (d.code.kind === 'image' && !codeImage) throw new Error('poster code image not loaded')

  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, POSTER_W, POSTER_H)
  ctx.fillStyle = RED
  ctx.fillRect(0, 0, POSTER_W, 150)

  // Promoter: avatar + name.
  const ax = PAD + 40
  const ay = 75
  ctx.fillStyle = '#ffffff'
  ctx.beginPath()
  ctx.arc(ax, ay, 43, 0, Math.PI * 2)
  ctx.fill()
  if (avatar) {
    ctx.save()
    ctx.beginPath()
    ctx.arc(ax, ay, 40, 0, Math.PI * 2)
    ctx.clip()
    ctx.drawImage(avatar.source, ax - 40, ay - 40, 80, 80)
    ctx.restore()
  } else {
    ctx.fillStyle = '#fff0ec'
    ctx.beginPath()
    ctx.arc(ax, ay, 40, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = RED
    ctx.font = `bold 40px ${FONT}`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(Array.from(d.promoterName.trim())[0] ?? '团', ax, ay + 2)
  }
  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = '#ffffff'
  ctx.font = `bold 32px ${FONT}`
  ctx.fillText(fit(ctx, d.promoterName || '推手', POSTER_W - 140 - PAD), 140, 68)
  ctx.font = `24px ${FONT}`
  ctx.fillText('给你推荐一个好团', 140, 108)

  // Cover, 5:4, rounded.
  const cx = PAD
  const cy = 180
  const cw = POSTER_W - 2 * PAD
  const ch = (cw * 4) / 5
  ctx.save()
  roundRect(ctx, cx, cy, cw, ch, 16)
  ctx.clip()
  if (cover) {
    const s = coverCrop(cover.width, cover.height, cw, ch)
    ctx.drawImage(cover.source, s.sx, s.sy, s.sw, s.sh, cx, cy, cw, ch)
  } else {
    ctx.fillStyle = '#f0f0f3'
    ctx.fillRect(cx, cy, cw, ch)
    ctx.fillStyle = '#c7c7cc'
    ctx.font = `bold 48px ${FONT}`
    ctx.textAlign = 'center'
    ctx.fillText('团卡', cx + cw / 2, cy + ch / 2 + 16)
    ctx.textAlign = 'left'
  }
  ctx.restore()

  // Title, at most two lines.
  let y = cy + ch + 56
  ctx.fillStyle = INK
  ctx.font = `bold 32px ${FONT}`
  for (const line of wrap(ctx, d.title, cw, 2)) {
    ctx.fillText(line, PAD, y)
    y += 46
  }

  // Price, original price struck through.
  y += 30
  ctx.fillStyle = RED
  ctx.font = `bold 32px ${FONT}`
  ctx.fillText('¥', PAD, y)
  let x = PAD + ctx.measureText('¥').width + 4
  ctx.font = `bold 60px ${FONT}`
  const price = formatYuan(d.priceFen)
  ctx.fillText(price, x, y)
  x += ctx.measureText(price).width + 16
  if (d.originalPriceFen > d.priceFen) {
    const original = `¥${formatYuan(d.originalPriceFen)}`
    ctx.fillStyle = GREY
    ctx.font = `26px ${FONT}`
    ctx.fillText(original, x, y)
    const w = ctx.measureText(original).width
    ctx.strokeStyle = GREY
    ctx.lineWidth = 2
    ctx.beginPath()
    ctx.moveTo(x, y - 9)
    ctx.lineTo(x + w, y - 9)
    ctx.stroke()
  }
  y += 44
  ctx.fillStyle = GREEN
  ctx.font = `24px ${FONT}`
  ctx.fillText('随时退 · 过期自动退', PAD, y)

  // Divider, then shop + hint on the left and the code on the right.
  const top = POSTER_H - 210
  ctx.fillStyle = '#ececf0'
  for (let dx = PAD; dx < POSTER_W - PAD; dx += 16) ctx.fillRect(dx, top, 8, 2)
  const qrSize = 170 // 4 px modules for a version-5 code: scannable from a phone screen
  const qx = POSTER_W - PAD - qrSize
  const qy = top + 20
  if (codeImage) {
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(qx, qy, qrSize, qrSize)
    ctx.drawImage(codeImage.source, qx, qy, qrSize, qrSize)
  } else if (d.code.kind === 'qr') {
    drawQr(ctx, d.code.text, qx, qy, qrSize)
  }
  ctx.fillStyle = INK
  ctx.font = `bold 26px ${FONT}`
  ctx.fillText(fit(ctx, d.shopName, qx - PAD - 24), PAD, qy + 50)
  ctx.fillStyle = '#3a3a3c'
  ctx.font = `24px ${FONT}`
  ctx.fillText(fit(ctx, d.scanHint, qx - PAD - 24), PAD, qy + 98)
  ctx.fillStyle = GREY
  ctx.font = `22px ${FONT}`
  ctx.fillText('团卡 · 好店团购', PAD, qy + 140)
}

/** Draws the QR matrix in a white box of `size` px with a 2-module quiet zone, on whole pixels (no seams). */
export function drawQr(ctx: Pick<PosterCtx, 'fillStyle' | 'fillRect'>, text: string, x: number, y: number, size: number): { cell: number; modules: number } {
  const m = qrMatrix(text)
  const cell = Math.max(1, Math.floor(size / (m.size + 4)))
  const drawn = cell * m.size
  const ox = Math.round(x + (size - drawn) / 2)
  const oy = Math.round(y + (size - drawn) / 2)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(x, y, size, size)
  ctx.fillStyle = '#000000'
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (m.dark(r, c)) ctx.fillRect(ox + c * cell, oy + r * cell, cell, cell)
    }
  }
  return { cell, modules: m.size }
}

/** Source rectangle that fills a w × h box without distortion (CSS object-fit: cover). */
export function coverCrop(iw: number, ih: number, w: number, h: number): { sx: number; sy: number; sw: number; sh: number } {
  if (iw <= 0 || ih <= 0) return { sx: 0, sy: 0, sw: Math.max(1, iw), sh: Math.max(1, ih) }
  const scale = Math.max(w / iw, h / ih)
  const sw = w / scale
  const sh = h / scale
  return { sx: (iw - sw) / 2, sy: (ih - sh) / 2, sw, sh }
}

/** Breaks text into at most `maxLines` lines of `maxWidth` (character by character: Chinese has no spaces). */
export function wrap(ctx: Pick<PosterCtx, 'measureText'>, text: string, maxWidth: number, maxLines: number): string[] {
  const chars = Array.from(text)
  const lines: string[] = []
  let i = 0
  while (i < chars.length && lines.length < maxLines) {
    let line = ''
    while (i < chars.length && ctx.measureText(line + chars[i]).width <= maxWidth) line += chars[i++]
    if (line === '') line = chars[i++] // a single glyph wider than the line
    lines.push(line)
  }
  if (i < chars.length && lines.length > 0) lines[lines.length - 1] = fit(ctx, `${lines[lines.length - 1]}…`, maxWidth)
  return lines
}

/** Text shortened with "…" to fit `maxWidth`. */
export function fit(ctx: Pick<PosterCtx, 'measureText'>, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text
  const chars = Array.from(text.replace(/…$/, ''))
  while (chars.length > 0 && ctx.measureText(`${chars.join('')}…`).width > maxWidth) chars.pop()
  return `${chars.join('')}…`
}

function roundRect(ctx: PosterCtx, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.arcTo(x + w, y, x + w, y + h, r)
  ctx.arcTo(x + w, y + h, x, y + h, r)
  ctx.arcTo(x, y + h, x, y, r)
  ctx.arcTo(x, y, x + w, y, r)
  ctx.closePath()
}
