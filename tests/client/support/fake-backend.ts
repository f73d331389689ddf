import { jest } from '@jest/globals'
import type { DealCard, DealDetail, Me } from '@core/contracts/views'
import { messageFor } from '@core/errors'

type Handler = (input: Record<string, unknown>, openid: string | null) => unknown

/**
 * A small in-memory fake of the functions behind callFunction, reached the way the h5 build reaches the local
 * gateway: `fetch` of POST /fn/<fn> with `{ action, input }` and `x-tuanka-openid`, answering envelopes with
 * the gateway's HTTP statuses. Tests can hold answers (loading states), fail calls, or take the network down.
 */
export class FakeBackend {
  readonly calls: { fn: string; action: string; input: Record<string, unknown>; openid: string | null }[] = []
  private handlers = new Map<string, Handler>()
  private failures: { key: string; code: string }[] = []
  private gates: { key: string; release: Promise<void> }[] = []
  networkDown = false
  personas = [
    { key: 'consumer', label: '顾客 · 小林', openid: 'o_consumer' },
    { key: 'promoter', label: '推手 · 王姐', openid: 'o_promoter' },
    { key: 'owner', label: '店主 · 拾光咖啡', openid: 'o_owner' },
  ]

  on(fnAction: string, handler: Handler): this {
    this.handlers.set(fnAction, handler)
    return this
  }

  /** The next call of `fnAction` answers `{ ok: false, code }`. */
  failNext(fnAction: string, code: string): this {
    this.failures.push({ key: fnAction, code })
    return this
  }

  /** The next call of `fnAction` waits until the returned function is called. */
  hold(fnAction: string): () => void {
    let release!: () => void
    this.gates.push({ key: fnAction, release: new Promise<void>((r) => (release = r)) })
    return () => release()
  }

  install(): this {
    const fetchMock = jest.fn(async (url: string, init?: RequestInit) => this.handle(String(url), init))
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
    return this
  }

  private async handle(url: string, init: RequestInit = {}): Promise<Response> {
    if (this.networkDown) throw new TypeError('Failed to fetch')
    const path = url.replace(/^https?:\/\/[^/]+/, '')
    if (path === '/local/personas') return json(200, { personas: this.personas })
    const sheet = this.platformSheet(path, init)
    if (sheet) return sheet
    const m = /^\/fn\/([^/]+)$/.exec(path)
    if (!m || init.method !== 'POST') return json(404, { ok: false, code: 'NOT_FOUND', message: 'x' })
    const headers = (init.headers ?? {}) as Record<string, string>
    const openid = headers['x-tuanka-openid'] ?? null
    const event = JSON.parse(String(init.body)) as { action: string; input: Record<string, unknown> }
    const key = `${m[1]}.${event.action}`
    this.calls.push({ fn: m[1], action: event.action, input: event.input, openid })
    const gate = this.gates.findIndex((g) => g.key === key)
    if (gate >= 0) await this.gates.splice(gate, 1)[0].release
    const failure = this.failures.findIndex((f) => f.key === key)
    if (failure >= 0) {
      const { code } = this.failures.splice(failure, 1)[0]
      return json(code.endsWith('NOT_FOUND') ? 404 : code === 'INTERNAL' ? 500 : 409, { ok: false, code, message: messageFor(code) })
    }
    const h = this.handlers.get(key) ?? (key === 'deals.page' ? this.dealPage() : undefined)
    if (!h) return json(400, { ok: false, code: 'UNKNOWN_ACTION', message: messageFor('UNKNOWN_ACTION') })
    try {
      return json(200, { ok: true, data: h(event.input, openid) })
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'INTERNAL'
      return json(code.endsWith('NOT_FOUND') ? 404 : 409, { ok: false, code, message: messageFor(code) })
    }
  }

  /**
   * The platform emulator's stand-ins for WeChat's own client (local/gateway/platform-sheets.ts): a group card's
   * cloudID (`cid-<g>`, opaque to the app) and the subscribe-message consent. Recorded in `platformCalls`.
   */
  readonly platformCalls: { path: string; body: unknown }[] = []
  private platformSheet(path: string, init: RequestInit): Response | null {
    if (path !== '/local/group-enter' && path !== '/local/subscribe') return null
    const body = JSON.parse(String(init.body ?? '{}')) as { g?: string; tmplIds?: string[] }
    this.platformCalls.push({ path, body })
    if (path === '/local/group-enter') return json(200, { ok: true, data: { cloudID: `cid-${body.g}` } })
    return json(200, { ok: true, data: { accepted: body.tmplIds } })
  }

  /**
   * deals.page answers what deals.get, deals.buyers and deals.reviews answer for the same deal (the server's
   * contract, tests/integration/deal-page.test.ts): tests that set up those three get the page's one call too.
   */
  private dealPage(): Handler | undefined {
    const get = this.handlers.get('deals.get')
    if (!get) return undefined
    const buyers = this.handlers.get('deals.buyers')
    const reviews = this.handlers.get('deals.reviews')
    return (input, openid) => {
      const dealId = input.id
      const group = input.groupCloudID === undefined ? {} : { groupCloudID: input.groupCloudID }
      return {
        deal: get({ id: dealId }, openid),
        buyers: buyers ? buyers({ dealId, limit: 20, ...group }, openid) : { totalBuyers: 0, totalUnits: 0, items: [], group: null },
        reviews: reviews ? reviews({ dealId, limit: 10 }, openid) : { average: null, count: 0, items: [] },
      }
    }
  }
}

function json(status: number, body: unknown): Response {
  const text = JSON.stringify(body)
  return { status, ok: status < 400, text: async () => text, json: async () => JSON.parse(text) } as unknown as Response
}

export class Refusal extends Error {
  constructor(readonly code: string) {
    super(code)
  }
}

const DAY = 24 * 3600 * 1000
export const NOW = Date.UTC(2026, 10, 23, 6, 0) // 2026-11-23 14:00 China time

export function dealCard(over: Partial<DealCard> & Pick<DealCard, 'id' | 'title'>): DealCard {
  return {
    shopId: 'shop_a',
    shopName: '拾光咖啡（万象城店）',
    cover: '/files/demo/coffee-1.svg',
    priceFen: 6800,
    originalPriceFen: 12800,
    sold: 86,
    stockLeft: 114,
    saleStart: NOW - 5 * DAY,
    saleEnd: NOW + 14 * DAY,
    saleState: 'on_sale',
    refundAnytime: true,
    refundOnExpiry: true,
    group: null,
    category: null,
    ...over,
  }
}

export function dealDetail(over: Partial<DealDetail> & Pick<DealDetail, 'id' | 'title'>): DealDetail {
  return {
    ...dealCard(over),
    images: ['/files/demo/coffee-1.svg', '/files/demo/coffee-2.svg'],
    validStart: NOW - 5 * DAY,
    validEnd: NOW + 45 * DAY,
    rules: ['每张券限 2 人使用', '无需预约，到店出示券码即可'],
    description: '两杯招牌拿铁搭配当日蛋糕任选一份。',
    perUserLimit: 5,
    shop: {
      id: 'shop_a',
      name: '拾光咖啡（万象城店）',
      address: '深圳市南山区深南大道 9668 号万象城 L2-218',
      phone: '0755-86001234',
      location: { lat: 22.5186, lng: 113.9497 },
      hours: '周一至周日 09:00-22:00',
      promoterPolicy: { approvalRequired: false, attributionDays: 7, selfPurchase: false, holdDays: 0 },
    },
    serverTime: NOW,
    ...over,
  }
}

export function me(over: Partial<Me> = {}): Me {
  return { openid: 'o_consumer', isAdmin: false, memberships: [], promoter: false, ...over }
}
