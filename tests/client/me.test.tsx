import MePage from '@/pages/me/index'
import StaffVerifyPage from '@/staff/verify/index'
import StaffDashboardPage from '@/staff/dashboard/index'
import PromoterCenterPage from '@/promoter/center/index'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, me } from './support/fake-backend'
import { cleanup, click, getByText, render, waitForText } from './support/render'

const ROLES: Record<string, ReturnType<typeof me>> = {
  o_consumer: me({ openid: 'o_consumer' }),
  o_promoter: me({ openid: 'o_promoter', promoter: true }),
  o_owner: me({ openid: 'o_owner', memberships: [{ shopId: 's1', shopName: '拾光咖啡（万象城店）', role: 'owner' }] }),
}

function meBackend() {
  return new FakeBackend().on('shops.me', (_i, openid) => ROLES[openid ?? ''] ?? me({ openid: null })).install()
}

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
})
afterEach(cleanup)

describe('我的', () => {
  it('a consumer sees who they are, only the way to become a promoter, and the persona switcher (local mode)', async () => {
    meBackend()
    const r = await render(<MePage />)
    await waitForText(r, '切换身份')
    await waitForText(r, '小林')
    expect(r.text()).toContain('顾客')
    expect(r.text()).not.toContain('核销券码')
    expect(r.text()).not.toContain('推广中心')
    await click(getByText(r, '成为推手'))
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/promoter/center/index' })
    expect(getByText(r, '当前').closest('.tk-list__row')?.textContent).toContain('顾客 · 小林')
  })

  it('an owner sees their shop and the staff area entries', async () => {
    meBackend()
    taroMock.storage.set('tuanka.persona.openid', 'o_owner')
    const r = await render(<MePage />)
    await waitForText(r, '工作台')
    expect(r.text()).toContain('拾光咖啡（万象城店）店主')
    expect(r.text()).not.toContain('推广中心')
    await click(getByText(r, '核销券码'))
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/verify/index' })
  })

  it('switching persona stores the openid and restarts on 我的', async () => {
    const backend = meBackend()
    const r = await render(<MePage />)
    await waitForText(r, '推手 · 王姐')
    await click(getByText(r, '推手 · 王姐'))
    expect(taroMock.storage.get('tuanka.persona.openid')).toBe('o_promoter')
    expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: '/pages/me/index' })
    cleanup()
    const again = await render(<MePage />)
    await waitForText(again, '推广中心')
    expect(backend.calls.at(-1)?.openid).toBe('o_promoter')
  })

  it('shows the error with a retry when shops.me fails', async () => {
    const backend = meBackend()
    backend.failNext('shops.me', 'INTERNAL')
    const r = await render(<MePage />)
    await waitForText(r, '服务开小差了，请稍后再试')
    await click(getByText(r, '重新加载'))
    await waitForText(r, '顾客')
  })
})

describe('work areas check the role', () => {
  it.each([
    ['staff verify', StaffVerifyPage, '扫码核销'],
    ['staff dashboard', StaffDashboardPage, '导出对账单'],
  ] as const)('%s: a consumer gets 没有权限, an owner gets the page', async (_name, Page, landmark) => {
    meBackend()
    const denied = await render(<Page />)
    await waitForText(denied, '没有权限')
    expect(denied.text()).not.toContain(landmark)
    cleanup()

    taroMock.storage.set('tuanka.persona.openid', 'o_owner')
    const r = await render(<Page />)
    await waitForText(r, landmark)
    expect(r.text()).not.toContain('没有权限')
  })

  it('promoter centre: promoters get their centre, anyone else the free join offer', async () => {
    meBackend().on('promoters.center', () => ({ name: '王姐', balance: { pendingFen: 0, lockedFen: 0, availableFen: 0, withdrawnFen: 0 }, shares: [], recentLines: [] }))
    taroMock.storage.set('tuanka.persona.openid', 'o_owner')
    const other = await render(<PromoterCenterPage />)
    await waitForText(other, '成为推手')
    expect(other.text()).not.toContain('可提现')
    cleanup()
    taroMock.storage.set('tuanka.persona.openid', 'o_promoter')
    const r = await render(<PromoterCenterPage />)
    await waitForText(r, '可提现')
    expect(r.text()).toContain('王姐')
    expect(r.text()).not.toContain('成为推手')
  })
})
