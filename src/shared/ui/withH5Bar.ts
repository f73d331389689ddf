import type { ComponentType } from 'react'

// A ternary on TARO_ENV, as src/shared/subscribe does: the weapp build drops the require and the bar's code with it.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const withBar: typeof import('./H5TitleBar').withBar | null = process.env.TARO_ENV === 'h5' ? require('./H5TitleBar').withBar : null

/**
 * The page with a title bar and back in h5 (src/shared/ui/H5TitleBar); in the mini-program WeChat draws its own
 * bar, so there the page is returned as it is and the bar's code is not in the package.
 */
export function withH5Bar<P extends object>(Page: ComponentType<P>, title: string, home = '/pages/index/index'): ComponentType<P> {
  return withBar && process.env.TARO_ENV === 'h5' ? withBar(Page, title, home) : Page
}
