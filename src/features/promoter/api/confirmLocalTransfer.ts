import { unwrap } from '@/shared/api/envelope'
import { ApiError } from '@/shared/api/errors'
import { httpJson } from '@/shared/api/http'

/**
 * Local mode only: the emulated 确认收款 page's answer. POST {TUANKA_API_BASE}/local/transfer `{ package, action }`:
 * confirm makes the local WeChat Pay emulator pay the bill and send its callback, as WeChat Pay does after the
 * promoter confirms; cancel closes the page and leaves the bill waiting, as in WeChat.
 */
export async function confirmLocalTransfer(pkg: string, action: 'confirm' | 'cancel'): Promise<void> {
  const res = await httpJson('POST', `${TUANKA_API_BASE}/local/transfer`, { package: pkg, action })
  const b = res.body as { ok?: unknown } | undefined
  if (b && typeof b === 'object' && typeof b.ok === 'boolean') {
    unwrap<unknown>(b)
    return
  }
  if (res.status >= 200 && res.status < 300) return
  throw new ApiError(res.status === 0 || res.status >= 502 ? 'NETWORK' : 'INTERNAL')
}
