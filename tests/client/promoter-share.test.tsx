import { Text, View } from '@tarojs/components'
import type { ApprovalState } from '@core/contracts/views'
import { useShareAppMessage } from '@tarojs/taro'
import DealPage from '@/pages/deal/index'
import { dealCardPath } from '@/features/deals'
import { forgetShareCodes, useShareCode, withShareCode, type ShareCodeState } from '@/features/promoter/share'
import { readRoleHint } from '@/features/promoter/model/roleHint'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, Refusal, dealDetail, me } from './support/fake-backend'
import { actAsync, cleanup, click, getByText, render, waitFor, waitForText } from './support/render'

const PROMOTER = 'o_promoter'
const CODE = 'S7KQ2MXP9RTA'
const deal = dealDetail({ id: 'deal_tea', title: '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份' })
/** The deal page's card path: the deal and what its card shows (dealCardPath), then the promoter's code. */
const CARD = dealCardPath({ ...deal, cover: deal.images[0] })

function backend(opts: { promoters?: string[]; approval?: ApprovalState } = {}) {
  const promoters = new Set(opts.promoters ?? [PROMOTER])
  return new FakeBackend()
    .on('deals.get', (input) => {
      if (input.id !== deal.id) throw new Refusal('DEAL_NOT_FOUND')
      return deal
    })
    .on('shops.me', (_i, openid) => me({ openid, promoter: promoters.has(openid ?? '') }))
    .on('promoters.share', (input, openid) => {
      if (!promoters.has(openid ?? '')) throw new Refusal('NOT_PROMOTER')
      return { shareCode: CODE, path: `/pages/deal/index?id=${String(input.dealId)}&s=${CODE}`, scene: CODE, approval: opts.approval ?? 'not_required' }
    })
    .install()
}

const as = (openid: string) => taroMock.storage.set('tuanka.persona.openid', openid)
const fnCalls = (b: FakeBackend, key: string) => b.calls.filter((c) => `${c.fn}.${c.action}` === key)

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  forgetShareCodes()
})
afterEach(cleanup)

describe('deal page, as a promoter', () => {
  it.each([
    ['pending', '店铺审核中：审核通过后的订单才计佣金'],
    ['rejected', '店铺没有通过你的推手申请：你仍可以分享，但这家店的订单不计佣金'],
  ] as const)('a shop that reviews promoters (%s): the share entry says so plainly, sharing still works', async (approval, text) => {
    backend({ approval })
    as(PROMOTER)
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<DealPage />)
    await waitForText(r, text, 4000)
    expect(r.text()).not.toContain('佣金计入你的账户')
    expect(getByText(r, '生成海报')).toBeTruthy()
    const card = taroMock.trigger('shareAppMessage') as { path: string }
    expect(card.path).toBe(`${CARD}&s=${CODE}`)
  })

  it('the shared card path carries the promoter’s code (title and image unchanged), after asking shops.me once', async () => {
    const b = backend()
    as(PROMOTER)
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<DealPage />)
    await waitForText(r, '双人下午茶套餐')
    // The role is asked after the first screen, not with it.
    expect(fnCalls(b, 'shops.me')).toHaveLength(0)
    await waitForText(r, '推手分享', 4000)
    await waitForText(r, '佣金计入你的账户')
    expect(fnCalls(b, 'promoters.share').map((c) => c.input)).toEqual([{ dealId: 'deal_tea', channel: 'card' }])
    const card = taroMock.trigger('shareAppMessage') as { title: string; path: string; imageUrl: string }
    expect(card).toEqual({
      title: '¥68 双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份',
      path: `${CARD}&s=${CODE}`,
      imageUrl: '/files/demo/coffee-1.svg',
    })
    expect(card.path.slice(CARD.length)).toMatch(/^&s=[A-Za-z0-9]{6,32}$/)
    expect(readRoleHint()).toBe(true)

    await click(getByText(r, '生成海报'))
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/promoter/poster/index?id=deal_tea' })
  })

  it('a promoter known on this device gets the code at once, without asking shops.me again', async () => {
    const b = backend()
    as(PROMOTER)
    taroMock.storage.set('tuanka.promoter.hint', { who: PROMOTER, promoter: true, at: Date.now() })
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<DealPage />)
    await waitForText(r, '佣金计入你的账户', 800)
    expect(fnCalls(b, 'shops.me')).toHaveLength(0)
    expect((taroMock.trigger('shareAppMessage') as { path: string }).path).toBe(`${CARD}&s=${CODE}`)
  })

  it('a stale promoter hint is dropped when the function says NOT_PROMOTER: no entry, no code', async () => {
    const b = backend({ promoters: [] })
    as(PROMOTER)
    taroMock.storage.set('tuanka.promoter.hint', { who: PROMOTER, promoter: true, at: Date.now() })
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<DealPage />)
    await waitForText(r, '双人下午茶套餐')
    await waitFor(() => expect(fnCalls(b, 'promoters.share')).toHaveLength(1))
    await waitFor(() => expect(readRoleHint()).toBe(false))
    expect(r.text()).not.toContain('推手分享')
    expect((taroMock.trigger('shareAppMessage') as { path: string }).path).toBe(CARD)
  })
})

describe('deal page, as a consumer', () => {
  it('no share code, no entry; the answer is remembered so the next deal page asks nobody', async () => {
    const b = backend()
    as('o_consumer')
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<DealPage />)
    await waitForText(r, '双人下午茶套餐')
    await waitFor(() => expect(fnCalls(b, 'shops.me')).toHaveLength(1), 4000)
    await waitFor(() => expect(readRoleHint()).toBe(false))
    expect(r.text()).not.toContain('推手分享')
    expect(fnCalls(b, 'promoters.share')).toHaveLength(0)
    expect((taroMock.trigger('shareAppMessage') as { path: string }).path).toBe(CARD)
    cleanup()

    await render(<DealPage />)
    await new Promise((res) => setTimeout(res, 1500))
    expect(fnCalls(b, 'shops.me')).toHaveLength(1)
  })

  it('the remembered role belongs to the persona: switching to the promoter asks again', async () => {
    const b = backend()
    taroMock.storage.set('tuanka.promoter.hint', { who: 'o_consumer', promoter: false, at: Date.now() })
    as(PROMOTER)
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<DealPage />)
    await waitForText(r, '推手分享', 4000)
    expect(fnCalls(b, 'shops.me')).toHaveLength(1)
  })
})

function Harness({ dealId, channel, onState }: { dealId: string | null; channel?: 'card' | 'poster'; onState: (s: ShareCodeState) => void }) {
  const share = useShareCode(dealId, channel, { roleCheckDelayMs: 0 })
  onState(share)
  useShareAppMessage(() => ({ title: 't', path: withShareCode(`/pages/deal/index?id=${dealId ?? ''}`, share.shareCode) }))
  return (
    <View>
      <Text>{share.isPromoter === null ? 'unknown' : share.isPromoter ? 'promoter' : 'consumer'}</Text>
      <Text>{share.error ? `error:${share.error.message}` : ''}</Text>
    </View>
  )
}

describe('useShareCode', () => {
  it('asks per channel and returns the path with s=', async () => {
    const b = backend()
    as(PROMOTER)
    let last: ShareCodeState | null = null
    const r = await render(<Harness dealId='deal_tea' channel='poster' onState={(s) => (last = s)} />)
    await waitFor(() => expect(last?.shareCode).toBe(CODE))
    expect(r.text()).toContain('promoter')
    expect(fnCalls(b, 'promoters.share').at(-1)?.input).toEqual({ dealId: 'deal_tea', channel: 'poster' })
    expect((taroMock.trigger('shareAppMessage') as { path: string }).path).toContain(`s=${CODE}`)
  })

  it('without a deal it asks nobody', async () => {
    const b = backend()
    as(PROMOTER)
    const r = await render(<Harness dealId={null} onState={() => undefined} />)
    await new Promise((res) => setTimeout(res, 50))
    expect(r.text()).toContain('unknown')
    expect(b.calls.filter((c) => c.fn !== 'local')).toEqual([])
  })

  it('a failed share call shows the error and retries on demand', async () => {
    const b = backend()
    as(PROMOTER)
    b.failNext('promoters.share', 'INTERNAL')
    let last: ShareCodeState | null = null
    const r = await render(<Harness dealId='deal_tea' onState={(s) => (last = s)} />)
    await waitForText(r, 'error:服务开小差了，请稍后再试')
    expect(last!.shareCode).toBeNull()
    expect((taroMock.trigger('shareAppMessage') as { path: string }).path).toBe('/pages/deal/index?id=deal_tea')
    await actAsync(() => last!.retry())
    await waitFor(() => expect(last?.shareCode).toBe(CODE))
  })

  it('withShareCode appends s to a path with or without a query, and leaves it alone without a code', () => {
    expect(withShareCode('/pages/deal/index?id=d1', 'ABC123')).toBe('/pages/deal/index?id=d1&s=ABC123')
    expect(withShareCode('/pages/deal/index', 'ABC123')).toBe('/pages/deal/index?s=ABC123')
    expect(withShareCode('/pages/deal/index?id=d1', null)).toBe('/pages/deal/index?id=d1')
  })
})
