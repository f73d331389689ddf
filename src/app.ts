import type { PropsWithChildren } from 'react'
import Taro, { useDidShow, useLaunch } from '@tarojs/taro'
import { sendPendingConsent } from '@/shared/subscribe'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Production mini-program: one CloudBase environment for every function call (src/shared/api).
    if (process.env.TARO_ENV === 'weapp' && TUANKA_BACKEND === 'cloud') {
      Taro.cloud.init({ env: TUANKA_CLOUD_ENV, traceUser: true })
    }
  })
  // Consent to messages accepted while offline: told to the server at the next opening of the app.
  useDidShow(() => {
    void sendPendingConsent()
  })
  return children
}

export default App
