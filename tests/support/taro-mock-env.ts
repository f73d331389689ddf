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
