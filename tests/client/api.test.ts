import { callFunction, chooseLocalPersona, forgetLocalIdentity, mediaUrl, ApiError } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, dealCard, Refusal } from './support/fake-backend'

const g = globalThis as unknown as { TUANKA_BACKEND: string; TUANKA_API_BASE: string; fetch?: unknown }

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  process.env.TARO_ENV = 'h5'
  g.TUANKA_BACKEND = 'gateway'
  g.TUANKA_API_BASE = ''
})

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    return e as ApiError
  }
  throw new Error('expected the call to fail')
}

describe('callFunction over the local gateway (h5)', () => {
  it('posts { action, input } to /fn/<fn> and returns the data of the envelope', async () => {
    const backend = new FakeBackend()
      .on('deals.list', (input) => ({ items: [dealCard({ id: 'd1', title: `limit ${String(input.limit)}` })], nextCursor: null }))
      .install()
    const page = await callFunction('deals', 'list', { limit: 5 })
    expect(page.items.map((d) => d.title)).toEqual(['limit 5'])
    expect(backend.calls).toEqual([{ fn: 'deals', action: 'list', input: { limit: 5 }, openid: 'o_consumer' }])
    const [url, init] = (g.fetch as jest.Mock).mock.calls.find((c) => String(c[0]).startsWith('/fn/')) as [string, RequestInit]
    expect(url).toBe('/fn/deals')
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json')
  })

  it('speaks as the default persona (consumer) until another is chosen, then as that one', async () => {
    const backend = new FakeBackend().on('shops.me', (_i, openid) => ({ openid })).install()
    expect(await callFunction('shops', 'me', {})).toEqual({ openid: 'o_consumer' })
    expect(taroMock.storage.get('tuanka.persona.openid')).toBe('o_consumer')
    chooseLocalPersona('o_owner')
    expect(await callFunction('shops', 'me', {})).toEqual({ openid: 'o_owner' })
    expect(backend.calls.map((c) => c.openid)).toEqual(['o_consumer', 'o_owner'])
  })

  it('turns a refusal into an ApiError with the Chinese message for its code, whatever the HTTP status', async () => {
    new FakeBackend()
      .on('deals.get', () => {
        throw new Refusal('DEAL_NOT_FOUND')
      })
      .install()
    const e = await refusal(callFunction('deals', 'get', { id: 'nope' }))
    expect(e.code).toBe('DEAL_NOT_FOUND')
    expect(e.message).toBe('团购不存在或已下架')
  })

  it('never shows an unknown code or a server text: unknown codes read as the generic message', async () => {
    ;(g as { fetch: unknown }).fetch = jest.fn(async () => ({
      status: 409,
      text: async () => JSON.stringify({ ok: false, code: 'SOMETHING_NEW', message: 'raw server detail {"x":1}' }),
    }))
    const e = await refusal(callFunction('shops', 'me', {}))
    expect(e.code).toBe('SOMETHING_NEW')
    expect(e.message).toBe('服务开小差了，请稍后再试')
  })

  it('a network failure is NETWORK with its message', async () => {
    const backend = new FakeBackend().on('shops.me', () => ({})).install()
    backend.networkDown = true
    const e = await refusal(callFunction('shops', 'me', {}))
    expect(e.code).toBe('NETWORK')
    expect(e.message).toBe('网络不太好，请检查网络后重试')
  })

  it('a proxy error page is NETWORK; a body that is not an envelope is INTERNAL', async () => {
    taroMock.storage.set('tuanka.persona.openid', 'o_consumer')
    g.fetch = jest.fn(async () => ({ status: 502, text: async () => '<html>Bad Gateway</html>' }))
    expect((await refusal(callFunction('shops', 'me', {}))).code).toBe('NETWORK')
    g.fetch = jest.fn(async () => ({ status: 200, text: async () => '{"hello":1}' }))
    expect((await refusal(callFunction('shops', 'me', {}))).code).toBe('INTERNAL')
  })

  it('prefixes the API base when the build sets one', async () => {
    g.TUANKA_API_BASE = 'http://127.0.0.1:8787'
    new FakeBackend().on('shops.me', () => ({ ok: 1 })).install()
    await callFunction('shops', 'me', {})
    const urls = (g.fetch as jest.Mock).mock.calls.map((c) => String(c[0]))
    expect(urls).toEqual(['http://127.0.0.1:8787/local/personas', 'http://127.0.0.1:8787/fn/shops'])
  })
})

describe('callFunction on the mini-program', () => {
  it('production (cloud): Taro.cloud.callFunction with { name, data: { action, input } }, result is the envelope', async () => {
    process.env.TARO_ENV = 'weapp'
    g.TUANKA_BACKEND = 'cloud'
    taroMock.callFunction.mockResolvedValueOnce({ result: { ok: true, data: { openid: 'from-wechat' } } })
    expect(await callFunction('shops', 'me', {})).toEqual({ openid: 'from-wechat' })
    expect(taroMock.callFunction).toHaveBeenCalledWith({ name: 'shops', data: { action: 'me', input: {} } })
    expect(taroMock.request).not.toHaveBeenCalled()

    taroMock.callFunction.mockResolvedValueOnce({ result: { ok: false, code: 'SOLD_OUT', message: '已售罄' } })
    const e = await refusal(callFunction('deals', 'get', { id: 'd1' }))
    expect([e.code, e.message]).toEqual(['SOLD_OUT', '已售罄'])
  })

  it('production (cloud): a failed request is NETWORK, a crashed function INTERNAL', async () => {
    process.env.TARO_ENV = 'weapp'
    g.TUANKA_BACKEND = 'cloud'
    taroMock.callFunction.mockRejectedValueOnce({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' })
    expect((await refusal(callFunction('shops', 'me', {}))).code).toBe('NETWORK')
    taroMock.callFunction.mockRejectedValueOnce({ errCode: -404011, errMsg: 'cloud.callFunction:fail -404011 cloud function execution error' })
    expect((await refusal(callFunction('shops', 'me', {}))).code).toBe('INTERNAL')
  })

  it('local build (gateway): Taro.request to the gateway with the persona header, 4xx bodies read as envelopes', async () => {
    process.env.TARO_ENV = 'weapp'
    g.TUANKA_API_BASE = 'http://127.0.0.1:8787'
    taroMock.storage.set('tuanka.persona.openid', 'o_staff')
    taroMock.request.mockResolvedValueOnce({ statusCode: 404, data: { ok: false, code: 'DEAL_NOT_FOUND', message: 'x' } })
    const e = await refusal(callFunction('deals', 'get', { id: 'gone' }))
    expect(e.message).toBe('团购不存在或已下架')
    expect(taroMock.request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'http://127.0.0.1:8787/fn/deals',
        method: 'POST',
        data: { action: 'get', input: { id: 'gone' } },
        header: expect.objectContaining({ 'x-tuanka-openid': 'o_staff' }),
      }),
    )
    taroMock.request.mockRejectedValueOnce({ errMsg: 'request:fail' })
    expect((await refusal(callFunction('deals', 'get', { id: 'x' }))).code).toBe('NETWORK')
    expect(taroMock.callFunction).not.toHaveBeenCalled()
  })
})

describe('mediaUrl', () => {
  it('serves /files/ paths from the gateway and leaves URLs and cloud file ids alone', () => {
    expect(mediaUrl('/files/demo/a.svg')).toBe('/files/demo/a.svg')
    g.TUANKA_API_BASE = 'http://127.0.0.1:8787'
    expect(mediaUrl('/files/demo/a.svg')).toBe('http://127.0.0.1:8787/files/demo/a.svg')
    expect(mediaUrl('https://cdn.example.com/a.jpg')).toBe('https://cdn.example.com/a.jpg')
    expect(mediaUrl('')).toBe('')
  })

  it('a cloud file id: as it is on a cloud build; on the local gateway, the file the platform emulator stored', () => {
    g.TUANKA_API_BASE = 'http://127.0.0.1:8787'
    expect(mediaUrl('cloud://tuanka-local.local-bucket/wxacode/AbC12345.png')).toBe('http://127.0.0.1:8787/files/cloud/wxacode/AbC12345.png')
    g.TUANKA_BACKEND = 'cloud'
    try {
      expect(mediaUrl('cloud://env-1.xx/deal.jpg')).toBe('cloud://env-1.xx/deal.jpg')
    } finally {
      g.TUANKA_BACKEND = 'gateway'
    }
  })
})

describe('refusal messages', () => {
  const { unwrap } = jest.requireActual('@/shared/api/envelope') as typeof import('@/shared/api/envelope')
  const thrown = (body: unknown) => {
    try {
      unwrap(body)
    } catch (e) {
      return e as ApiError
    }
    throw new Error('did not throw')
  }

  it("keeps the server's Chinese detail for a known code (the wait, the broken rule)", () => {
    const e = thrown({ ok: false, code: 'RATE_LIMITED', message: '查询失败次数过多，请 42 秒后再试' })
    expect(e).toMatchObject({ code: 'RATE_LIMITED', message: '查询失败次数过多，请 42 秒后再试' })
    expect(thrown({ ok: false, code: 'DEAL_INVALID', message: '成团截止时间不能晚于售卖结束时间' }).message).toBe('成团截止时间不能晚于售卖结束时间')
  })

  it('never shows raw payloads, English, unknown codes or internal details', () => {
    expect(thrown({ ok: false, code: 'DEAL_INVALID', message: 'TypeError: x is undefined' }).message).toBe('团购的时间或价格设置有误')
    expect(thrown({ ok: false, code: 'DEAL_INVALID', message: '{"错误":1}' }).message).toBe('团购的时间或价格设置有误')
    expect(thrown({ ok: false, code: 'INTERNAL', message: '数据库连接失败 at 10.0.0.3' }).message).toBe('服务开小差了，请稍后再试')
    expect(thrown({ ok: false, code: 'SOMETHING_NEW', message: '新的错误' })).toMatchObject({ code: 'SOMETHING_NEW', message: '服务开小差了，请稍后再试' })
    expect(thrown({ ok: false, code: 'SOLD_OUT', message: 42 }).message).toBe('已售罄')
  })
})
