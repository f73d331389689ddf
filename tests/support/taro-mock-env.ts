// The client tests run src/ as the h5 build does (process.env.TARO_ENV is replaced at build time in the app).
process.env.TARO_ENV = 'h5'

// jsdom has no IntersectionObserver; Taro's h5 Image uses one for lazyLoad. Everything is "visible" here.
if (typeof window !== 'undefined' && !('IntersectionObserver' in window)) {
  class ImmediateIntersectionObserver {
    constructor(private readonly cb: (entries: { isIntersecting: boolean; target: Element }[]) => void) {}
    observe(target: Element) {
      this.cb([{ isIntersecting: true, target }])
    }
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return []
    }
  }
  Object.assign(window, { IntersectionObserver: ImmediateIntersectionObserver })
}

// Taro's components are anonymous classes (Stencil's `proxyCustomElement(class extends HTMLElement {…})`), and
// pretty-format prints an element as markup only when its constructor has a name. Without one, a failing expect on
// Taro elements formats each as a plain object down its React fiber graph: megabytes and seconds of synchronous work
// (about 7 s for three upload tiles). A waitFor check that fails once then outlasts waitFor's whole timeout and blocks
// the event loop meanwhile, so the FileReader/timer callbacks the page is waiting on never get to run before it gives
// up. Each element class gets its tag's name (taro-view-core → TaroViewCore) and failures print as short HTML.
if (typeof window !== 'undefined' && window.customElements) {
  const registry = window.customElements
  const define = registry.define.bind(registry)
  registry.define = (name: string, ctor: CustomElementConstructor, options?: ElementDefinitionOptions) => {
    if (!ctor.name) Object.defineProperty(ctor, 'name', { value: name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()) })
    define(name, ctor, options)
  }
}
