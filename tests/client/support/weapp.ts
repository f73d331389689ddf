/**
 * Running src/ as the production mini-program in the client tests: process.env.TARO_ENV 'weapp', the 'cloud'
 * backend (Taro.cloud.callFunction, here answered by the FakeBackend installed on fetch, with the caller's
 * openid as WeChat would give it), and the WeChat-only APIs the consumer pages use as jest functions:
 * getEnterOptionsSync (how the mini-program was entered), getGroupEnterInfo, showShareMenu, requestSubscribeMessage.
 * `asWeapp()` in a test (or beforeEach); `weapp.restore()` in afterEach puts the h5 setup back.
 */
import { jest } from '@jest/globals'
import Taro, { taroMock } from '../../support/taro-mock'

type Ok = { errMsg: string }
type EnterOptions = { path: string; scene: number; query: Record<string, string>; shareTicket?: string }
type Cb<T> = { success?: (r: T) => void; fail?: (e: Ok) => void }

const g = globalThis as unknown as { TUANKA_BACKEND: string }

export const weapp = {
  enter: { path: 'pages/index/index', scene: 1001, query: {} } as EnterOptions,
  getGroupEnterInfo: jest.fn<() => Promise<{ cloudID?: string; errMsg: string }>>(),
  showShareMenu: jest.fn<(o: { withShareTicket?: boolean }) => Promise<Ok>>(),
  requestSubscribeMessage: jest.fn<(o: { tmplIds: string[] }) => Promise<Record<string, string>>>(),
  restore() {
    process.env.TARO_ENV = 'h5'
    g.TUANKA_BACKEND = 'gateway'
    taroMock.callFunction.mockReset()
  },
}

Object.assign(Taro as unknown as Record<string, unknown>, {
  getEnterOptionsSync: () => weapp.enter,
  // Like Taro's promisified API: the callbacks and the promise both answer.
  getGroupEnterInfo: (o: Cb<{ cloudID?: string; errMsg: string }> = {}) =>
    weapp.getGroupEnterInfo().then(
      (r) => (o.success?.(r), r),
      (e: Ok) => (o.fail?.(e), Promise.reject(e)),
    ),
  showShareMenu: (o: { withShareTicket?: boolean }) => weapp.showShareMenu(o),
  requestSubscribeMessage: (o: { tmplIds: string[] }) => weapp.requestSubscribeMessage(o),
})

/** Switches to the mini-program as built for production; cloud calls reach the FakeBackend as `openid`. */
export function asWeapp(openid = 'o_consumer', enter?: EnterOptions): void {
  process.env.TARO_ENV = 'weapp'
  g.TUANKA_BACKEND = 'cloud'
  weapp.enter = enter ?? { path: 'pages/index/index', scene: 1001, query: {} }
  weapp.getGroupEnterInfo.mockReset()
  weapp.getGroupEnterInfo.mockRejectedValue({ errMsg: 'getGroupEnterInfo:fail no group' })
  weapp.showShareMenu.mockReset()
  weapp.showShareMenu.mockResolvedValue({ errMsg: 'showShareMenu:ok' })
  weapp.requestSubscribeMessage.mockReset()
  weapp.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' })
  taroMock.callFunction.mockImplementation(async ({ name, data }) => {
    const res = await fetch(`/fn/${name}`, { method: 'POST', headers: { 'x-tuanka-openid': openid }, body: JSON.stringify(data) })
    return { result: JSON.parse(await res.text()) as unknown }
  })
}
