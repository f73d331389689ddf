import { jest } from '@jest/globals'
import { create as qrcodeCreate } from 'qrcode'
import PromoterPosterPage from '@/promoter/poster/index'
import { POSTER_H, POSTER_W, coverCrop, drawPoster, drawQr, fit, wrap, type PosterCtx, type PosterData } from '@/features/promoter/poster/drawPoster'
import { qrMatrix, utf8 } from '@/features/promoter/poster/qr'
import { forgetShareCodes } from '@/features/promoter/share'
import { forgetLocalIdentity } from '@/shared/api'
import type { ApprovalState, PosterCode } from '@core/contracts/views'
import Taro, { taroMock } from '../support/taro-mock'
import { FakeBackend, Refusal, dealDetail, me } from './support/fake-backend'
import { emptyCenter } from './support/fake-promoters'
import { cleanup, click, getByText, render, waitFor, waitForText } from './support/render'

const CODE = 'SPOSTER7KQ2M'
const H5_ADDRESS = `http://127.0.0.1:8787/#/pages/deal/index?id=deal_tea&s=${CODE}`

/** A 2D context that records what is drawn; text is 10 px per character. */
function recorder() {
  const ops: { op: string; args: unknown[]; fillStyle: unknown; font: string }[] = []
  const ctx: Record<string, unknown> = { fillStyle: '#000', strokeStyle: '#000', lineWidth: 1, font: '10px sans-serif', textAlign: 'left', textBaseline: 'alphabetic' }
  for (const op of ['fillRect', 'fillText', 'drawImage', 'save', 'restore', 'beginPath', 'closePath', 'moveTo', 'lineTo', 'arc', 'arcTo', 'clip', 'fill', 'stroke']) {
    ctx[op] = (...args: unknown[]) => ops.push({ op, args, fillStyle: ctx.fillStyle, font: String(ctx.font) })
  }
  ctx.measureText = (t: string) => ({ width: Array.from(t).length * 10 })
  const texts = () => ops.filter((o) => o.op === 'fillText').map((o) => String(o.args[0]))
  return { ctx: ctx as unknown as PosterCtx, ops, texts }
}

const data = (over: Partial<PosterData> = {}): PosterData => ({
  title: '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份',
  priceFen: 6800,
  originalPriceFen: 12800,
  shopName: '拾光咖啡（万象城店）',
  cover: '/files/demo/coffee-1.svg',
  promoterName: '王姐',
  avatar: '/files/demo/avatar-1.svg',
  code: { kind: 'qr', text: `http://127.0.0.1:8787/#/pages/deal/index?id=deal_tea&s=${CODE}` },
  scanHint: '长按识别二维码，查看团购',
  ...over,
})

describe('QR code', () => {
  it('is qrcode’s own matrix for the text (byte mode, level M)', () => {
    const text = H5_ADDRESS
    const m = qrMatrix(text)
    const ref = qrcodeCreate([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules
    expect(m.size).toBe(ref.size)
    expect(m.size).toBe(37) // version 5 for this ~70-character address
    for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) expect(m.dark(r, c)).toBe(ref.get(r, c) === 1)
    // Finder pattern in the top-left corner: dark ring, light ring, dark 3×3 core.
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => m.dark(0, c))).toEqual([true, true, true, true, true, true, true])
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => m.dark(1, c))).toEqual([true, false, false, false, false, false, true])
    expect(m.dark(3, 3)).toBe(true)
  })

  it('encodes UTF-8 itself (no TextEncoder in the mini-program)', () => {
    expect(Array.from(utf8('a¥团🙂'))).toEqual(Array.from(Buffer.from('a¥团🙂', 'utf8')))
  })

  it('draws exactly the dark modules on whole pixels inside its box', () => {
    const { ctx, ops } = recorder()
    const { cell, modules } = drawQr(ctx, H5_ADDRESS, 410, 890, 150)
    expect(cell).toBe(3)
    const black = ops.filter((o) => o.op === 'fillRect' && o.fillStyle === '#000000')
    const m = qrMatrix(H5_ADDRESS)
    let dark = 0
    for (let r = 0; r < modules; r++) for (let c = 0; c < modules; c++) dark += m.dark(r, c) ? 1 : 0
    expect(black).toHaveLength(dark)
    for (const o of black) {
      const [x, y, w, h] = o.args as number[]
      expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true)
      expect([w, h]).toEqual([3, 3])
      expect(x).toBeGreaterThanOrEqual(410)
      expect(x + w).toBeLessThanOrEqual(560)
      expect(y + h).toBeLessThanOrEqual(1040)
    }
  })
})

describe('poster drawing', () => {
  it('draws the promoter, cover, title, price, promises, shop and code', async () => {
    const { ctx, ops, texts } = recorder()
    const loaded: string[] = []
    await drawPoster(ctx, data(), async (src) => {
      loaded.push(src)
      return { source: {} as CanvasImageSource, width: 750, height: 600 }
    })
    expect(loaded.sort()).toEqual(['/files/demo/avatar-1.svg', '/files/demo/coffee-1.svg'])
    const t = texts()
    expect(t).toContain('王姐')
    expect(t).toContain('给你推荐一个好团')
    expect(t.join('')).toContain('双人下午茶套餐')
    expect(t).toEqual(expect.arrayContaining(['¥', '68', '¥128', '随时退 · 过期自动退', '长按识别二维码，查看团购']))
    expect(t.some((s) => s.startsWith('拾光咖啡'))).toBe(true)
    expect(ops.filter((o) => o.op === 'drawImage')).toHaveLength(2)
    // Background covers the whole poster.
    expect(ops[0]).toMatchObject({ op: 'fillRect', args: [0, 0, POSTER_W, POSTER_H] })
  })

  it('a mini-program code image is drawn in the code’s box instead of a QR', async () => {
    const { ctx, ops } = recorder()
    const loaded: string[] = []
    await drawPoster(ctx, data({ code: { kind: 'image', src: 'https://tcb.example/wxacode/SPOSTER7KQ2M.png' } }), async (src) => {
      loaded.push(src)
      return { source: { src } as unknown as CanvasImageSource, width: 430, height: 430 }
    })
    expect(loaded).toContain('https://tcb.example/wxacode/SPOSTER7KQ2M.png')
    const code = ops.find((o) => o.op === 'drawImage' && (o.args[0] as { src?: string }).src?.includes('wxacode'))
    expect(code?.args.slice(1)).toEqual([POSTER_W - 40 - 170, POSTER_H - 210 + 20, 170, 170])
    expect(ops.filter((o) => o.op === 'fillRect' && o.fillStyle === '#000000')).toHaveLength(0) // no QR modules
  })

  it('a code image that cannot be loaded fails the poster (nobody could scan it)', async () => {
    const { ctx } = recorder()
    await expect(drawPoster(ctx, data({ code: { kind: 'image', src: 'https://tcb.example/x.png' } }), async () => null)).rejects.toThrow()
  })

  it('a missing cover or avatar becomes a placeholder: the poster still comes out', async () => {
    const { ctx, ops, texts } = recorder()
    await drawPoster(ctx, data({ avatar: null }), async () => null)
    expect(ops.filter((o) => o.op === 'drawImage')).toHaveLength(0)
    expect(texts()).toEqual(expect.arrayContaining(['王', '团卡']))
  })

  it('cover crop fills 5:4 without distortion; long text wraps to two lines with an ellipsis', () => {
    expect(coverCrop(750, 600, 520, 416)).toEqual({ sx: 0, sy: 0, sw: 750, sh: 600 })
    const tall = coverCrop(400, 800, 500, 400)
    expect(tall.sw / tall.sh).toBeCloseTo(500 / 400)
    expect(tall.sx).toBe(0)
    const { ctx } = recorder()
    expect(wrap(ctx, '一二三四五六七八九十', 40, 2)).toEqual(['一二三四', '五六七…'])
    expect(wrap(ctx, '一二三', 40, 2)).toEqual(['一二三'])
    expect(fit(ctx, '拾光咖啡万象城店', 50)).toBe('拾光咖啡…')
  })
})

describe('推广海报 page (h5)', () => {
  const deal = dealDetail({ id: 'deal_tea', title: '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份' })
  let drawn: ReturnType<typeof recorder>
  let approval: ApprovalState = 'not_required'
  let posterCode: PosterCode = { kind: 'qr', text: H5_ADDRESS }

  function posterBackend(promoter = true) {
    return new FakeBackend()
      .on('deals.get', (input) => {
        if (input.id !== deal.id) throw new Refusal('DEAL_NOT_FOUND')
        return deal
      })
      .on('shops.me', (_i, openid) => me({ openid, promoter }))
      .on('promoters.share', (input) => {
        if (!promoter) throw new Refusal('NOT_PROMOTER')
        return { shareCode: CODE, path: `/pages/deal/index?id=${String(input.dealId)}&s=${CODE}`, scene: CODE, approval }
      })
      .on('promoters.center', () => emptyCenter())
      .on('promoters.posterCode', (input) => {
        if (input.shareCode !== CODE) throw new Refusal('SHARE_NOT_FOUND')
        return posterCode
      })
      .install()
  }

  beforeEach(() => {
    taroMock.reset()
    forgetLocalIdentity()
    forgetShareCodes()
    taroMock.storage.set('tuanka.persona.openid', 'o_promoter')
    approval = 'not_required'
    posterCode = { kind: 'qr', text: H5_ADDRESS }
    drawn = recorder()
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => drawn.ctx) as never)
    jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,UE9TVEVS')
    // jsdom loads no images: every image fails at once, so placeholders are drawn.
    class FailingImage {
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      crossOrigin = ''
      set src(_v: string) {
        setTimeout(() => this.onerror?.(), 0)
      }
    }
    jest.spyOn(window, 'Image').mockImplementation((() => new FailingImage()) as never)
  })
  afterEach(() => {
    cleanup()
    jest.restoreAllMocks()
  })

  it('draws the poster with a poster share code and the QR text promoters.posterCode gives, shows it to long-press or download', async () => {
    const b = posterBackend()
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<PromoterPosterPage />)
    await waitFor(() => expect(r.container.querySelector('.poster-page__image')?.getAttribute('src')).toBe('data:image/png;base64,UE9TVEVS'))
    expect(b.calls.find((c) => c.action === 'share')?.input).toEqual({ dealId: 'deal_tea', channel: 'poster' })
    expect(drawn.texts()).toContain('王姐')
    expect(drawn.texts()).toContain('68')
    expect(b.calls.find((c) => c.action === 'posterCode')?.input).toEqual({ shareCode: CODE })
    // The QR drawn is the text the function gave (locally: the h5 address of the deal with the poster's share code).
    const expected = qrMatrix(H5_ADDRESS)
    let dark = 0
    for (let i = 0; i < expected.size; i++) for (let j = 0; j < expected.size; j++) dark += expected.dark(i, j) ? 1 : 0
    expect(drawn.ops.filter((o) => o.op === 'fillRect' && o.fillStyle === '#000000')).toHaveLength(dark)
    expect(r.text()).toContain('长按图片保存或发送给朋友')
    expect(r.text()).toContain(`海报分享码 ${CODE}`)

    const clicked: string[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download}|${this.getAttribute('href')}`)
    })
    await click(getByText(r, '下载图片'))
    await waitFor(() => expect(clicked).toEqual(['团卡推广海报.png|data:image/png;base64,UE9TVEVS']))
  })

  it('production: the mini-program code (a cloud file id) is made loadable with getTempFileURL and drawn as an image', async () => {
    posterCode = { kind: 'image', url: 'cloud://tuanka-test.7475/wxacode/SPOSTER7KQ2M.png' }
    posterBackend()
    // A cloud build (the local gateway serves cloud:// ids itself, see the next test).
    const build = globalThis as unknown as { TUANKA_BACKEND: string }
    const backendBefore = build.TUANKA_BACKEND
    build.TUANKA_BACKEND = 'cloud'
    const asked: string[][] = []
    const cloud = (Taro as unknown as { cloud: Record<string, unknown> }).cloud
    cloud.getTempFileURL = async ({ fileList }: { fileList: string[] }) => {
      asked.push(fileList)
      return { fileList: [{ fileID: fileList[0], tempFileURL: 'https://tuanka-test.tcb.qcloud.la/wxacode/SPOSTER7KQ2M.png', status: 0 }] }
    }
    // This time the code image loads (cover and avatar still fail and become placeholders).
    class CodeImage {
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      crossOrigin = ''
      naturalWidth = 430
      naturalHeight = 430
      width = 430
      height = 430
      src = ''
      constructor() {
        return new Proxy(this, {
          set: (t, k, v) => {
            ;(t as Record<string | symbol, unknown>)[k] = v
            if (k === 'src') setTimeout(() => (String(v).includes('wxacode') ? t.onload?.() : t.onerror?.()), 0)
            return true
          },
        })
      }
    }
    jest.spyOn(window, 'Image').mockImplementation((() => new CodeImage()) as never)
    try {
      taroMock.router.params = { id: 'deal_tea' }
      const r = await render(<PromoterPosterPage />)
      await waitFor(() => expect(r.container.querySelector('.poster-page__image')?.getAttribute('src')).toBe('data:image/png;base64,UE9TVEVS'))
      expect(asked).toEqual([['cloud://tuanka-test.7475/wxacode/SPOSTER7KQ2M.png']])
      const code = drawn.ops.find((o) => o.op === 'drawImage')
      expect((code?.args[0] as { src?: string }).src).toBe('https://tuanka-test.tcb.qcloud.la/wxacode/SPOSTER7KQ2M.png')
      expect(drawn.texts()).toContain('长按识别小程序码，查看团购')
      expect(r.text()).toContain(`小程序码里带着你的海报分享码 ${CODE}`)
    } finally {
      delete cloud.getTempFileURL
      build.TUANKA_BACKEND = backendBefore
    }
  })

  it('local gateway: the code image the platform emulator stored (a cloud file id) is drawn from the gateway, /files/cloud/', async () => {
    posterCode = { kind: 'image', url: 'cloud://tuanka-local.local-bucket/wxacode/SPOSTER7KQ2M.png' }
    posterBackend()
    const loaded: string[] = []
    class CodeImage {
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      crossOrigin = ''
      naturalWidth = 430
      naturalHeight = 430
      width = 430
      height = 430
      src = ''
      constructor() {
        return new Proxy(this, {
          set: (t, k, v) => {
            ;(t as Record<string | symbol, unknown>)[k] = v
            if (k === 'src') {
              loaded.push(String(v))
              setTimeout(() => (String(v).includes('wxacode') ? t.onload?.() : t.onerror?.()), 0)
            }
            return true
          },
        })
      }
    }
    jest.spyOn(window, 'Image').mockImplementation((() => new CodeImage()) as never)
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<PromoterPosterPage />)
    await waitFor(() => expect(r.container.querySelector('.poster-page__image')?.getAttribute('src')).toBe('data:image/png;base64,UE9TVEVS'))
    const code = drawn.ops.find((o) => o.op === 'drawImage')
    expect((code?.args[0] as { src?: string }).src).toMatch(/\/files\/cloud\/wxacode\/SPOSTER7KQ2M\.png$/)
    expect(loaded.filter((u) => u.includes('wxacode'))).toHaveLength(1)
  })

  it('a shop that has not approved the promoter yet: the poster page says commissions wait for approval', async () => {
    approval = 'pending'
    posterBackend()
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<PromoterPosterPage />)
    await waitForText(r, '店铺审核中：审核通过后的订单才计佣金')
    await waitFor(() => expect(r.container.querySelector('.poster-page__image')).not.toBeNull())
  })

  it('the code cannot be had: an error with a retry, never a poster without a code', async () => {
    const b = posterBackend()
    b.failNext('promoters.posterCode', 'INTERNAL')
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<PromoterPosterPage />)
    await waitForText(r, '服务开小差了，请稍后再试')
    expect(r.container.querySelector('.poster-page__image')).toBeNull()
    await click(getByText(r, '重新加载'))
    await waitFor(() => expect(r.container.querySelector('.poster-page__image')).not.toBeNull())
  })

  it('someone who is not a promoter is offered to join instead, and no share code is made', async () => {
    const b = posterBackend(false)
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<PromoterPosterPage />)
    await waitForText(r, '成为推手后可生成专属海报')
    expect(r.text()).toContain('免费加入，只按你分享带来的订单计佣金，不设下级')
    expect(b.calls.filter((c) => c.action === 'share')).toHaveLength(0)
  })

  it('a deal that is gone says so', async () => {
    posterBackend()
    taroMock.router.params = { id: 'gone' }
    const r = await render(<PromoterPosterPage />)
    await waitForText(r, '团购不存在或已下架')
  })
})
