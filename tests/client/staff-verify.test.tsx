import StaffVerifyPage from '@/staff/verify/index'
import { forgetLocalIdentity } from '@/shared/api'
import { queueStorageKey } from '@/features/staff/verify/useCounter'
import type { RedeemOutcome } from '@core/contracts/views'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, Refusal } from './support/fake-backend'
import { actAsync, cleanup, click, getByText, render, waitForText, type Rendered } from './support/render'
import { STAFF_ME, inputs, installTaroExtras, preview, pressEnter, typeInto, waitForInputs } from './staff-support'

function counterBackend() {
  const backend = new FakeBackend().on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
  backend.on('redemption.preview', (input) => {
    if (input.code !== 'ABCDEFGHJKMN') throw new Refusal('CODE_NOT_FOUND')
    return preview()
  })
  return backend.install()
}

const confirmCalls = (b: FakeBackend) => b.calls.filter((c) => c.action === 'confirm')

async function lookUp(r: Rendered, typed: string) {
  const [input] = await waitForInputs(r)
  await typeInto(input, typed)
  await pressEnter(input)
}

let extras: ReturnType<typeof installTaroExtras>
beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  extras = installTaroExtras()
  taroMock.storage.set('tuanka.persona.openid', 'o_staff')
})
afterEach(cleanup)

it('look-up shows the card; confirm redeems the chosen codes of the order with one idempotency key; success is big and green', async () => {
  const backend = counterBackend()
  const at = Date.now()
  backend.on('redemption.confirm', (input) => ({
    results: (input.codes as string[]).map((code): RedeemOutcome => ({ code, ok: true, redeemedAt: at, replay: false })),
  }))
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  expect(r.text()).toContain('拾光咖啡（万象城店） · 店员')

  // Typed the way people type it: lower case, spaces.
  await lookUp(r, 'abcd efgh jkmn')
  await waitForText(r, '双人下午茶套餐')
  expect(backend.calls.find((c) => c.action === 'preview')?.input).toEqual({ code: 'ABCDEFGHJKMN' })
  const t = r.text()
  expect(t).toContain('¥68')
  expect(t).toContain('待使用')
  expect(t).toContain('138****8000')
  expect(t).toContain('共 3 张，还剩 2 张未使用')
  expect(t).toContain('ABCD EFGH JKMN')
  expect(t).toContain('PQRS TUVW XYZ2') // the order's other unused code, offered for the batch
  expect(t).not.toContain('3456 789A BCDE') // already redeemed: not offered
  expect(t).toContain('确认核销 1 张')
  // The input was cleared for the next customer.
  expect(inputs(r)[0].value).toBe('')

  await click(getByText(r, 'PQRS TUVW XYZ2'))
  await click(getByText(r, '确认核销 2 张'))
  await waitForText(r, '核销成功 2 张')
  const [call] = confirmCalls(backend)
  expect(call.input.codes).toEqual(['ABCDEFGHJKMN', 'PQRSTUVWXYZ2'])
  expect(call.input.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  expect(r.container.querySelector('.sv-last--ok .sv-last__icon--ok')?.textContent).toBe('✓')
  const clock = new Date(at + 8 * 3600e3).toISOString().slice(11, 16)
  expect(r.container.querySelector('.sv-last__time')?.textContent).toBe(clock)
  expect(r.text()).not.toContain('确认核销') // the card is gone, ready for the next code
})

it('a code someone else redeemed is told plainly: who and when', async () => {
  const backend = counterBackend()
  backend.on('redemption.confirm', (input) => ({
    results: (input.codes as string[]).map(
      (code): RedeemOutcome => ({ code, ok: false, error: 'CODE_ALREADY_REDEEMED', message: '券码已核销', redeemedAt: Date.UTC(2026, 10, 23, 6, 3), redeemedBy: '店员小周' }),
    ),
  }))
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await lookUp(r, 'ABCDEFGHJKMN')
  await waitForText(r, '确认核销 1 张')
  await click(getByText(r, '确认核销 1 张'))
  await waitForText(r, '未能核销')
  expect(r.text()).toMatch(/已被 店员小周 于 (\d+年)?(11月23日 )?14:03 核销/)
  expect(r.container.querySelector('.sv-last--refused')).not.toBeNull()
})

it.each([
  ['CODE_EXPIRED', '券码已过期，不能核销'],
  ['CODE_REFUNDED', '这张券已退款，不能再核销'],
  ['CODE_GROUP_PENDING', '拼团中：还没成团，成团后才能使用'],
])('%s is explained', async (error, text) => {
  const backend = counterBackend()
  backend.on('redemption.confirm', (input) => ({ results: (input.codes as string[]).map((code): RedeemOutcome => ({ code, ok: false, error, message: 'x' })) }))
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await lookUp(r, 'ABCDEFGHJKMN')
  await waitForText(r, '确认核销 1 张')
  await click(getByText(r, '确认核销 1 张'))
  await waitForText(r, text)
})

it('malformed input is answered without a look-up; an unknown code says so', async () => {
  const backend = counterBackend()
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await lookUp(r, 'ABCD EFGH JKM0')
  await waitForText(r, '券码里没有 0、1、O、I')
  expect(backend.calls.filter((c) => c.action === 'preview')).toHaveLength(0)
  await lookUp(r, 'ZZZZ ZZZZ ZZZZ')
  await waitForText(r, '没有找到这张券')
})

it('RATE_LIMITED shows the wait, and further look-ups wait without calling the server', async () => {
  const backend = counterBackend()
  backend.failNext('redemption.preview', 'RATE_LIMITED')
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await lookUp(r, 'ABCDEFGHJKMN')
  await waitForText(r, '查询失败次数过多，请')
  expect(r.text()).toMatch(/查询失败次数过多，请 \d+ (秒|分钟)后再试/)
  await lookUp(r, 'ABCDEFGHJKMN')
  expect(backend.calls.filter((c) => c.action === 'preview')).toHaveLength(1)
})

it('RATE_LIMITED on confirm: the wait is shown and the button waits too', async () => {
  const backend = counterBackend()
  backend.failNext('redemption.confirm', 'RATE_LIMITED')
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await lookUp(r, 'ABCDEFGHJKMN')
  await waitForText(r, '确认核销 1 张')
  await click(getByText(r, '确认核销 1 张'))
  await waitForText(r, '请等待后再核销')
  expect(r.text()).toMatch(/查询失败次数过多，请 \d+ (秒|分钟)后再试/)
})

it('a confirmation the server failed (not the network) keeps its key when pressed again', async () => {
  const backend = counterBackend()
  backend.on('redemption.confirm', (input) => ({ results: (input.codes as string[]).map((code): RedeemOutcome => ({ code, ok: true, redeemedAt: Date.now(), replay: false })) }))
  backend.failNext('redemption.confirm', 'INTERNAL')
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await lookUp(r, 'ABCDEFGHJKMN')
  await waitForText(r, '确认核销 1 张')
  await click(getByText(r, '确认核销 1 张'))
  await waitForText(r, '服务开小差了，请稍后再试')
  expect(r.text()).not.toContain('待同步')
  await click(getByText(r, '确认核销 1 张'))
  await waitForText(r, '核销成功 1 张')
  const [first, second] = confirmCalls(backend)
  expect(second.input.idempotencyKey).toBe(first.input.idempotencyKey)
})

it('offline: the confirmation waits in 待同步 (stored), and 重试 sends it again with the SAME key; a replay counts as success', async () => {
  const backend = counterBackend()
  let redemptions = 0
  const keys: string[] = []
  backend.on('redemption.confirm', (input) => {
    keys.push(input.idempotencyKey as string)
    redemptions++
    return { results: (input.codes as string[]).map((code): RedeemOutcome => ({ code, ok: true, redeemedAt: Date.now(), replay: true })) }
  })
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await lookUp(r, 'ABCDEFGHJKMN')
  await waitForText(r, '确认核销 1 张')

  backend.networkDown = true
  await click(getByText(r, '确认核销 1 张'))
  await waitForText(r, '网络不好，已加入待同步')
  await waitForText(r, '待同步（1 张）')
  const stored = taroMock.storage.get(queueStorageKey('o_staff')) as { key: string; codes: string[] }[]
  expect(stored).toHaveLength(1)
  expect(stored[0].codes).toEqual(['ABCDEFGHJKMN'])
  const firstKey = stored[0].key

  // Still offline: 重试 keeps it.
  const retryButton = () => r.container.querySelector('.sv-pending .tk-button') as HTMLElement
  expect(retryButton().textContent).toBe('重试')
  await click(retryButton())
  await waitForText(r, '已尝试 2 次')

  backend.networkDown = false
  await click(retryButton())
  await waitForText(r, '核销成功 1 张')
  expect(keys).toEqual([firstKey])
  expect(redemptions).toBe(1)
  expect(r.text()).not.toContain('待同步（')
  expect(taroMock.storage.get(queueStorageKey('o_staff'))).toEqual([])
  expect(r.text()).toContain('待同步的 1 张券已核销成功')

  // News of that sync, not a standing fact: the next look-up clears it.
  await lookUp(r, 'ZZZZ ZZZZ ZZZZ')
  await waitForText(r, '没有找到这张券')
  expect(r.text()).not.toContain('待同步的 1 张券已核销成功')
})

it('the queue is retried when the page shows again, and a conflict found then is shown', async () => {
  const backend = counterBackend()
  backend.on('redemption.confirm', (input) => ({
    results: (input.codes as string[]).map(
      (code): RedeemOutcome => ({ code, ok: false, error: 'CODE_ALREADY_REDEEMED', message: '券码已核销', redeemedAt: Date.UTC(2026, 10, 23, 6, 3), redeemedBy: '店员小周' }),
    ),
  }))
  // Left over from an earlier visit without network.
  taroMock.storage.set(queueStorageKey('o_staff'), [
    { key: 'rd-earlier-000000', codes: ['PQRSTUVWXYZ2'], label: '双人下午茶套餐', queuedAt: Date.now() - 60_000, attempts: 3, lastAttemptAt: Date.now() - 30_000, lastError: '网络不太好，请检查网络后重试' },
  ])
  // The retry on opening the page still finds no network.
  backend.failNext('redemption.confirm', 'NETWORK')
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '待同步（1 张）')
  await waitForText(r, '已尝试 4 次')
  await actAsync(() => taroMock.trigger('didShow'))
  await waitForText(r, '1 张未能核销')
  expect(r.text()).toMatch(/已被 店员小周 于 .*14:03 核销/)
  expect(backend.calls.filter((c) => c.action === 'confirm').at(-1)?.input.idempotencyKey).toBe('rd-earlier-000000')
})

/** A counter where ABCDEFGHJKMN redeems; 3456789ABCDE is refunded; everything else is unknown. */
function redeemingBackend() {
  const backend = counterBackend()
  backend.on('redemption.preview', (input) => {
    if (input.code === 'ABCDEFGHJKMN') return preview()
    if (input.code === '3456789ABCDE') return preview({ code: '3456789ABCDE', state: 'refunded', orderCodes: [{ code: '3456789ABCDE', state: 'refunded' }], unitsLeftOnOrder: 0 })
    throw new Refusal('CODE_NOT_FOUND')
  })
  backend.on('redemption.confirm', (input) => ({ results: (input.codes as string[]).map((code): RedeemOutcome => ({ code, ok: true, redeemedAt: Date.now(), replay: false })) }))
  return backend
}

async function redeemOne(r: Rendered) {
  await lookUp(r, 'ABCDEFGHJKMN')
  await waitForText(r, '确认核销 1 张')
  await click(getByText(r, '确认核销 1 张'))
  await waitForText(r, '核销成功 1 张')
}

/** The large answer card(s) on screen: the counter's current answer. */
const current = (r: Rendered) => Array.from(r.container.querySelectorAll('.sv-last'))

it('a new look-up replaces the last answer: after a success, a wrong code shows only its error; the success is history below', async () => {
  redeemingBackend()
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await redeemOne(r)
  expect(current(r)).toHaveLength(1)

  await lookUp(r, 'ZZZZ ZZZZ ZZZZ')
  await waitForText(r, '没有找到这张券')
  expect(current(r)).toHaveLength(0)
  expect(r.text()).not.toContain('核销成功 1 张')
  // Kept, small, under its own heading, below the error.
  const history = r.container.querySelector('.sv-recent') as HTMLElement
  expect(history.textContent).toContain('之前的记录')
  expect(history.textContent).toContain('ABCD EFGH JKMN')
  const error = getByText(r, '没有找到这张券')
  expect(error.compareDocumentPosition(history) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
})

it('a refunded code looked up after a success shows its own card, not the green one', async () => {
  redeemingBackend()
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await redeemOne(r)
  await lookUp(r, '3456 789A BCDE')
  await waitForText(r, '这张券已退款，不能再核销')
  expect(current(r)).toHaveLength(0)
  expect(r.container.querySelector('.sv-last--ok')).toBeNull()
})

it('malformed input also replaces the last answer, and names the characters codes never have', async () => {
  const backend = redeemingBackend()
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await redeemOne(r)
  await lookUp(r, '!!@@##')
  await waitForText(r, '「!」「@」「#」不是券码里的字符')
  expect(r.text()).not.toContain('现在是 6 位')
  expect(current(r)).toHaveLength(0)
  expect(backend.calls.filter((c) => c.action === 'preview')).toHaveLength(1)
})

it('undo asks first, naming the code and the deal; declined, nothing is undone', async () => {
  const backend = redeemingBackend()
  backend.on('redemption.undo', () => preview())
  extras.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await redeemOne(r)
  await click(getByText(r, '撤销核销'))
  expect(extras.showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '撤销核销？', content: '「双人下午茶套餐」券码 ABCD EFGH JKMN 将恢复为待使用，顾客可以再次使用或退款。', confirmText: '撤销核销' }),
  )
  await actAsync(() => undefined)
  expect(backend.calls.filter((c) => c.action === 'undo')).toHaveLength(0)
  expect(r.text()).toContain('核销成功 1 张')
})

it('undo, confirmed, is reported as an undo (已撤销核销, back to 待使用), never as a failed redemption', async () => {
  const backend = redeemingBackend()
  backend.on('redemption.undo', () => preview())
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await redeemOne(r)
  await click(getByText(r, '撤销核销'))
  await waitForText(r, '已撤销核销')
  expect(backend.calls.find((c) => c.action === 'undo')?.input).toEqual({ code: 'ABCDEFGHJKMN' })
  const [card] = current(r)
  expect(current(r)).toHaveLength(1)
  expect(card.classList.contains('sv-last--undone')).toBe(true)
  expect(card.textContent).toContain('ABCD EFGH JKMN')
  expect(card.textContent).toContain('双人下午茶套餐')
  expect(card.textContent).toContain('已恢复为「待使用」')
  expect(r.text()).not.toContain('未能核销')
  expect(r.text()).not.toContain('核销成功 1 张')
  // The history row says what became of the redemption, and offers no second undo.
  const history = r.container.querySelector('.sv-recent') as HTMLElement
  expect(history.textContent).toContain('已撤销，券码恢复为待使用')
  expect(history.textContent).not.toContain('撤销核销')
})

it('undo of an earlier redemption from the history, after a wrong code, is the new answer', async () => {
  const backend = redeemingBackend()
  backend.on('redemption.undo', () => preview())
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await redeemOne(r)
  await lookUp(r, 'ZZZZ ZZZZ ZZZZ')
  await waitForText(r, '没有找到这张券')
  await click(r.container.querySelector('.sv-recent .tk-button') as HTMLElement)
  await waitForText(r, '已撤销核销')
  expect(backend.calls.filter((c) => c.action === 'undo')).toHaveLength(1)
  expect(current(r).map((c) => c.className)).toEqual([expect.stringContaining('sv-last--undone')])
  // The unknown code's message answered the question before: it goes with it.
  expect(r.text()).not.toContain('没有找到这张券')
})

it.each([
  ['UNDO_NOT_ALLOWED', '只有仍是「已核销」、核销不到 10 分钟、推手佣金还没被提现的券可以撤销'],
  ['UNDO_WINDOW_PASSED', '核销超过 10 分钟就不能撤销了'],
])('a refused undo (%s) says why, as an undo that did not happen', async (code, why) => {
  const backend = redeemingBackend()
  backend.failNext('redemption.undo', code)
  backend.on('redemption.undo', () => preview())
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await redeemOne(r)
  await click(getByText(r, '撤销核销'))
  await waitForText(r, '没能撤销核销')
  expect(r.text()).toContain(why)
  expect(r.text()).not.toContain('未能核销')
  expect(current(r)).toHaveLength(1)
  // Still redeemed: the history row still offers the undo.
  expect(r.container.querySelector('.sv-recent')?.textContent).toContain('撤销核销')
})

it('undo from the card of a code I redeemed earlier asks first, then closes the out-of-date card', async () => {
  const backend = counterBackend()
  const at = Date.now() - 60_000
  backend.on('redemption.preview', () => preview({ state: 'redeemed', redeemedAt: at, redeemedByMe: true, orderCodes: [{ code: 'ABCDEFGHJKMN', state: 'redeemed' }], unitsLeftOnOrder: 0 }))
  backend.on('redemption.undo', () => preview())
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await lookUp(r, 'ABCDEFGHJKMN')
  await waitForText(r, '（你核销的）')
  await click(getByText(r, '撤销核销'))
  await waitForText(r, '已撤销核销')
  expect(extras.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('ABCD EFGH JKMN 将恢复为待使用') }))
  expect(r.container.querySelector('.sv-preview')).toBeNull()
})

it('h5: 扫码核销 falls back to typing', async () => {
  counterBackend()
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '扫码核销')
  await click(getByText(r, '扫码核销'))
  expect(extras.scanCode).not.toHaveBeenCalled()
  expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '浏览器中请直接输入券码' }))
})

it('a consumer cannot use the counter', async () => {
  counterBackend()
  taroMock.storage.set('tuanka.persona.openid', 'o_consumer')
  const r = await render(<StaffVerifyPage />)
  await waitForText(r, '没有权限')
  expect(r.text()).not.toContain('扫码核销')
})
