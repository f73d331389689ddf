import type { ComponentType } from 'react'

/**
 * The page with a title bar and back in h5 (src/shared/ui/H5TitleBar); in the mini-program WeChat draws its own
 * bar, so there the page is returned as it is and the bar's code is not in the package.
 */
export function withH5Bar<P extends object>(Page: ComponentType<P>, title: string, home = '/pages/index/index'): ComponentType<P> {
  if (process.env.TARO_ENV !== 'h5') return Page
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return (require('./H5TitleBar') as typeof import('./H5TitleBar')).withBar(Page, title, home)
}
