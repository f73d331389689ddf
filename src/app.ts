import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Production mini-program: one CloudBase environment for every function call (src/shared/api).
    if (process.env.TARO_ENV === 'weapp' && TUANKA_BACKEND === 'cloud') {
      Taro.cloud.init({ env: TUANKA_CLOUD_ENV, traceUser: true })
    }
  })
  return children
}

export default App
