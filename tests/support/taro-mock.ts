/**
 * `@tarojs/taro` for the client tests (jsdom, h5 semantics). Only what src/ uses, behaving like Taro's h5
 * runtime where it matters (storage, router params, page events); navigation and toasts are recorded so tests
 * can assert on them. `taroMock` is the test's handle: import it from this file (same module instance).
 */
import { jest } from '@jest/globals'

type Handler = (...args: unknown[]) => unknown
type PageEvent = 'pullDownRefresh' | 'reachBottom' | 'shareAppMessage' | 'launch' | 'load' | 'didShow' | 'didHide'

const storage = new Map<string, unknown>()
const handlers = new Map<PageEvent, Handler>()
const router = { params: {} as Record<string, string>, path: '/pages/index/index' }

const ok = () => Promise.resolve({ errMsg: 'ok' })

export const taroMock = {
  storage,
  router,
  request: jest.fn<(opts: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => Promise<{ statusCode: number; data: unknown }>>(),
  callFunction: jest.fn<(opts: { name: string; data: unknown }) => Promise<{ result: unknown }>>(),
  cloudInit: jest.fn(),
  navigateTo: jest.fn<(o: { url: string }) => Promise<unknown>>(ok),
  switchTab: jest.fn<(o: { url: string }) => Promise<unknown>>(ok),
  reLaunch: jest.fn<(o: { url: string }) => Promise<unknown>>(ok),
  showToast: jest.fn<(o: { title: string; icon?: string }) => Promise<unknown>>(ok),
  stopPullDownRefresh: jest.fn(ok),
  setNavigationBarTitle: jest.fn<(o: { title: string }) => Promise<unknown>>(ok),
  openLocation: jest.fn<(o: { latitude: number; longitude: number; name?: string; address?: string }) => Promise<unknown>>(ok),
  makePhoneCall: jest.fn<(o: { phoneNumber: string }) => Promise<unknown>>(ok),
  /** Fires a page event the way Taro would (pull-down, reach bottom, share); returns the handler's result. */
  trigger(event: PageEvent, ...args: unknown[]): unknown {
    const h = handlers.get(event)
    if (!h) throw new Error(`no handler registered for ${event}`)
    return h(...args)
  },
  has(event: PageEvent): boolean {
    return handlers.has(event)
  },
  reset() {
    storage.clear()
    handlers.clear()
    router.params = {}
    for (const f of [this.request, this.callFunction, this.cloudInit, this.navigateTo, this.switchTab, this.reLaunch, this.showToast, this.stopPullDownRefresh, this.setNavigationBarTitle, this.openLocation, this.makePhoneCall]) {
      f.mockClear()
    }
  },
}

const register = (event: PageEvent) => (fn: Handler) => {
  handlers.set(event, fn)
}

export const useLaunch = register('launch')
export const useLoad = register('load')
export const useDidShow = register('didShow')
export const useDidHide = register('didHide')
export const usePullDownRefresh = register('pullDownRefresh')
export const useReachBottom = register('reachBottom')
export const useShareAppMessage = register('shareAppMessage')
export const useRouter = () => ({ params: router.params, path: router.path })

const Taro = {
  request: (o: Parameters<typeof taroMock.request>[0]) => taroMock.request(o),
  cloud: {
    init: (o: unknown) => taroMock.cloudInit(o),
    callFunction: (o: Parameters<typeof taroMock.callFunction>[0]) => taroMock.callFunction(o),
  },
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, value)
  },
  removeStorageSync: (key: string) => {
    storage.delete(key)
  },
  navigateTo: (o: { url: string }) => taroMock.navigateTo(o),
  switchTab: (o: { url: string }) => taroMock.switchTab(o),
  reLaunch: (o: { url: string }) => taroMock.reLaunch(o),
  showToast: (o: { title: string; icon?: string }) => taroMock.showToast(o),
  stopPullDownRefresh: () => taroMock.stopPullDownRefresh(),
  setNavigationBarTitle: (o: { title: string }) => taroMock.setNavigationBarTitle(o),
  openLocation: (o: Parameters<typeof taroMock.openLocation>[0]) => taroMock.openLocation(o),
  makePhoneCall: (o: { phoneNumber: string }) => taroMock.makePhoneCall(o),
  useLaunch,
  useLoad,
  useDidShow,
  useDidHide,
  usePullDownRefresh,
  useReachBottom,
  useShareAppMessage,
  useRouter,
}

export default Taro
