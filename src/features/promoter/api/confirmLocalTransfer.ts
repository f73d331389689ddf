import { unwrap } from '@/shared/api/envelope'
import { ApiError } from '@/shared/api/errors'
import { httpJson } from '@/shared/api/http'

/**
 * Local mode only: the simulated 确认收款 sheet's answer. POST {TUANKA_API_BASE}/local/transfer
 * `{ package, action }` makes the gateway deliver the transfer's callback (paid, or cancelled: money back), as
 * WeChat Pay would after the promoter confirms or declines in WeChat. The same helper the local pay sheet uses.
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
