/**
 * Runs the COMPILED mini-program (dist/weapp) in miniprogram-simulate, in a node test environment:
 * a jsdom window for j-component, a `wx` global whose `cloud.callFunction` is a real fake backend (it forwards
 * `{ name, data }` over HTTP to the local gateway, exactly what the cloud would run), `App`/`getApp`, and `Page`
 * mapped onto `Component` with the page lifecycles driven by hand.
 */
import http from 'node:http'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '../../..')
export const WEAPP_DIR = path.join(ROOT, 'dist/weapp')

type AnyFn = (...args: any[]) => any // eslint-disable-line @typescript-eslint/no-explicit-any
type Options = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const RECORDED_APIS = [
  'navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack',
  'showToast', 'hideToast', 'showModal', 'showLoading', 'hideLoading', 'showActionSheet',
  'startPullDownRefresh', 'stopPullDownRefresh', 'pageScrollTo', 'setNavigationBarTitle', 'setNavigationBarColor',
  'showShareMenu', 'hideShareMenu', 'openLocation', 'makePhoneCall', 'setClipboardData', 'previewImage',
  'request', 'getStorage', 'setStorage', 'removeStorage', 'vibrateShort', 'login', 'getSetting', 'requestPayment',
]

export interface WxCall {
  api: string
  options: Options
}

export interface MiniProgram {
  /** The WeChat identity the fake cloud attaches to calls (as TCB does from the session); null = anonymous. */
  identity: { openid: string | null }
  /** Every wx.* call the app made (navigation, toasts, ...), in order. */
  calls: WxCall[]
  /** Every wx.cloud.callFunction the app made, with the gateway's answer. */
  cloudCalls: { name: string; data: unknown; result: unknown }[]
  /**
   * In the order they happened: each cloud function call as it was issued (not answered), and each setData of a
   * page opened here (what the mini-program renders from): what a page asked for before its first paint.
   */
  timeline: { kind: 'call' | 'setData'; what: string }[]
  /** Loads a page of dist/weapp (e.g. 'pages/index/index') with its query and runs onLoad/onShow/onReady. */
  openPage(route: string, query?: Record<string, string>): Promise<SimulatedPage>
}

export interface SimulatedPage {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  comp: any
  text(): string
  /** Polls until the rendered text contains `s` (rendering is asynchronous). */
  waitForText(s: string, timeoutMs?: number): Promise<void>
  /** Taps the innermost rendered node whose text contains `s` (Taro's handlers receive the tap). */
  tap(s: string): Promise<void>
  /** Runs a page event handler the mini-program would call (onPullDownRefresh, onReachBottom, onShareAppMessage). */
  fire(event: string, arg?: unknown): unknown
}

/** POST {gateway}/fn/<name> with the cloud function's event; resolves to the envelope (status ignored, like TCB). */
function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body))
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch (e) {
          reject(e)
        }
      })
    })
    req.on('error', reject)
    req.end(payload)
  })
}

function installDom() {
  // jsdom of jest-environment-jsdom (a direct devDependency), installed as the globals j-component uses.
  const envDir = path.dirname(require.resolve('jest-environment-jsdom/package.json'))
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { JSDOM } = require(require.resolve('jsdom', { paths: [envDir] })) as typeof import('jsdom')
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'http://localhost/' })
  const g = globalThis as Options
  g.window = dom.window
  g.document = dom.window.document
  for (const key of ['Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'MouseEvent', 'TouchEvent', 'EventTarget', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'navigator']) {
    if (g[key] === undefined) g[key] = (dom.window as unknown as Options)[key]
  }
}

/**
 * Installs the mini-program globals, loads dist/weapp/app.js and launches the app. `apiPort` is the local
 * gateway's port (the `API_PORT` of the stack); `openid` the WeChat identity the cloud would attach (none = anonymous).
 */
export function launchMiniProgram(opts: { apiPort: number; openid?: string | null }): MiniProgram {
  installDom()
  const identity = { openid: opts.openid ?? null }
  const calls: WxCall[] = []
  const cloudCalls: MiniProgram['cloudCalls'] = []
  const timeline: MiniProgram['timeline'] = []
  const storage = new Map<string, unknown>()
  const done = (api: string, options: Options = {}, res: Options = {}) => {
    calls.push({ api, options })
    const r = { errMsg: `${api}:ok`, ...res }
    options.success?.(r)
    options.complete?.(r)
    return Promise.resolve(r)
  }
  const systemInfo = {
    brand: 'devtools', model: 'iPhone 12', pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 844,
    statusBarHeight: 47, language: 'zh_CN', version: '8.0.50', system: 'iOS 17.0', platform: 'devtools', SDKVersion: '3.3.4',
    safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  }
  const cloud = {
    init: (o: Options) => {
      calls.push({ api: 'cloud.init', options: o })
    },
    callFunction: async (o: { name: string; data: unknown; success?: AnyFn; fail?: AnyFn; complete?: AnyFn }) => {
      const headers: Record<string, string> = identity.openid ? { 'x-tuanka-openid': identity.openid } : {}
      timeline.push({ kind: 'call', what: `${o.name}.${String((o.data as { action?: unknown } | undefined)?.action)}` })
      try {
        const result = await postJson(`http://127.0.0.1:${opts.apiPort}/fn/${encodeURIComponent(o.name)}`, o.data, headers)
        cloudCalls.push({ name: o.name, data: o.data, result })
        calls.push({ api: 'cloud.callFunction', options: { name: o.name, data: o.data } })
        const res = { result, errMsg: 'cloud.callFunction:ok', requestID: `req-${cloudCalls.length}` }
        o.success?.(res)
        o.complete?.(res)
        return res
      } catch (e) {
        const err = { errCode: -1, errMsg: `cloud.callFunction:fail request:fail ${(e as Error).message}` }
        o.fail?.(err)
        o.complete?.(err)
        throw err
      }
    },
  }
  const known: Options = {
    cloud,
    getSystemInfoSync: () => systemInfo,
    getWindowInfo: () => systemInfo,
    getDeviceInfo: () => systemInfo,
    getAppBaseInfo: () => systemInfo,
    getSystemSetting: () => ({}),
    getAppAuthorizeSetting: () => ({}),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 }),
    getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1008 }),
    getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1008 }),
    canIUse: () => true,
    nextTick: (fn: AnyFn) => setTimeout(fn, 0),
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    createSelectorQuery: () => {
      const q: Options = { in: () => q, select: () => q, selectAll: () => q, selectViewport: () => q, boundingClientRect: () => q, scrollOffset: () => q, fields: () => q, exec: (cb?: AnyFn) => cb?.([]) }
      return q
    },
    createIntersectionObserver: () => ({ relativeTo: () => ({ observe: () => undefined }), relativeToViewport: () => ({ observe: () => undefined }), disconnect: () => undefined }),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    reportAnalytics: () => undefined,
  }
  // Taro wraps the APIs it finds on wx when taro.js loads (Object.keys(wx)): these are recorded and succeed.
  for (const api of RECORDED_APIS) known[api] = (o?: Options) => done(api, o)
  // Any other API asked for later: recorded and answered with success too.
  const wx = new Proxy(known, {
    get(target, prop: string) {
      if (prop in target) return target[prop]
      if (prop === 'webpackJsonp') return undefined
      if (typeof prop !== 'string' || prop.startsWith('__')) return undefined
      return (o?: Options) => done(prop, o)
    },
    set(target, prop: string, value) {
      target[prop] = value
      return true
    },
    // Taro wraps only the APIs it finds on wx (`key in wx`): every API exists here.
    has(target, prop) {
      return typeof prop === 'string' ? !prop.startsWith('__') : prop in target
    },
  })
  const g = globalThis as Options
  g.wx = wx
  let app: Options | undefined
  g.App = (o: Options) => {
    app = o
  }
  g.getApp = () => app
  g.getCurrentPages = () => []
  g.requirePlugin = () => ({})

  // Page(...) -> Component(...): page lifecycles become methods the test calls; Taro's handlers become methods.
  g.Page = (config: Options) => {
    const methods: Options = {}
    const rest: Options = {}
    for (const [k, v] of Object.entries(config)) {
      if (typeof v === 'function') methods[k] = v
      else rest[k] = v
    }
    const Component = g.Component as AnyFn
    Component({ ...rest, data: config.data ?? {}, methods })
  }

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate')
  // The event system j-component renders with (resolved from j-component, which depends on it).
  const jComponentDir = path.dirname(require.resolve('j-component/package.json', { paths: [path.dirname(require.resolve('miniprogram-simulate'))] }))
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const exparser = require(require.resolve('miniprogram-exparser', { paths: [jComponentDir] }))
  require(path.join(WEAPP_DIR, 'app.js'))
  if (!app) throw new Error('dist/weapp/app.js did not call App()')
  app.onLaunch?.call(app, { path: 'pages/index/index', query: {}, scene: 1008 })
  app.onShow?.call(app, { path: 'pages/index/index', query: {}, scene: 1008 })

  const loaded = new Map<string, string>()
  return {
    identity,
    calls,
    cloudCalls,
    timeline,
    async openPage(route, query = {}) {
      // A page's code runs once per process (webpack caches its modules): load once, render a new instance each time.
      let id = loaded.get(route)
      if (!id) {
        id = simulate.load(path.join(WEAPP_DIR, route), { rootPath: WEAPP_DIR }) as string
        loaded.set(route, id)
      }
      const comp = simulate.render(id)
      const parent = document.createElement('parent-wrapper')
      comp.attach(parent)
      const inst = comp.instance as Options
      inst.route = route
      inst.__route__ = route
      inst.options = query
      const setData = inst.setData as AnyFn
      inst.setData = function (...args: unknown[]) {
        timeline.push({ kind: 'setData', what: route })
        return setData.apply(this, args)
      }
      g.getCurrentPages = () => [inst]
      inst.onLoad?.call(inst, query)
      inst.onShow?.call(inst)
      inst.onReady?.call(inst)
      const text = () => (comp.dom.textContent as string).replace(/\s+/g, ' ').trim()
      const page: SimulatedPage = {
        comp,
        text,
        async waitForText(s, timeoutMs = 10_000) {
          const start = Date.now()
          while (!text().includes(s)) {
            if (Date.now() - start > timeoutMs) throw new Error(`"${s}" not rendered within ${timeoutMs} ms; page text: ${text().slice(0, 500)}`)
            await simulate.sleep(20)
          }
        },
        async tap(s) {
          const all = Array.from(comp.dom.querySelectorAll('*') as ArrayLike<Element>).filter((el) => (el.textContent ?? '').includes(s))
          let target: (Element & { __wxElement?: unknown }) | null = all.filter((el) => !all.some((o) => o !== el && el.contains(o)))[0] ?? null
          if (!target) throw new Error(`nothing rendered with text "${s}"`)
          while (target && !target.__wxElement) target = target.parentElement
          if (!target) throw new Error(`"${s}" is not inside a mini-program node`)
          // What j-component does for a tap: a DOM event, then the exparser event that reaches bindtap handlers.
          const original = new (window as unknown as { CustomEvent: typeof CustomEvent }).CustomEvent('tap', { bubbles: true })
          target.dispatchEvent(original)
          exparser.Event.dispatchEvent(
            target.__wxElement,
            exparser.Event.create('tap', {}, { originalEvent: original, bubbles: true, capturePhase: true, composed: true, extraFields: { touches: {}, changedTouches: {} } }),
          )
          await simulate.sleep(20)
        },
        fire(event, arg) {
          const fn = inst[event]
          if (typeof fn !== 'function') throw new Error(`page has no ${event}`)
          return fn.call(inst, arg)
        },
      }
      return page
    },
  }
}
