import { randomBytes } from 'node:crypto'
import { openidOf } from '../../local/seed/personas'
import { callFn, collectProblems, openPage, shot, startBrowserEnv, switchPersona, waitText, type BrowserEnv, type PageProblem } from './support'

/**
 * The 核销 counter as a clerk meets it, on the h5 build at 375×667: one code redeemed, then codes that must not
 * be redeemed (refunded, malformed, unknown) each shown as the one current answer, then the first redemption undone
 * from the history with its confirmation. The customer's purchase is set up through the gateway (buying is
 * journeys.test.ts's subject); everything the clerk does goes through the page.
 */
jest.setTimeout(120_000)

const STAFF = '店员 · 拾光咖啡'
const DEAL = 'deal_tea_for_two'
const WRONG_CODE = 'ABCD EFGH JKLM'
const BUYER = openidOf('consumer2')

let env: BrowserEnv
let problems: PageProblem[]
let api: string
/** The customer's two codes as the order page shows them ("ABCD EFGH JKMN"): the first to redeem, the second refunded. */
let codes: string[] = []
let dealTitle = ''
/** The only console errors allowed: the 404s of the deliberately unknown code, during that step. */
let allowed: PageProblem[] = []

const shotOf = (name: string) => shot(env.page, `counter-${name}`)
const spaced = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ')
const lookUp = async (typed: string) => {
  const input = env.page.locator('input[placeholder="输入券码，回车查询"]')
  await input.fill(typed)
  await input.press('Enter')
}
/** The large answer cards on screen (the counter's current answer). */
const answerCards = () => env.page.locator('.sv-last')

beforeAll(async () => {
  env = await startBrowserEnv()
  api = env.stack.apiUrl
  problems = collectProblems(env.page)
  // A customer with two codes of the shop's deal, one of them refunded.
  const placed = await callFn(api, 'orders', 'place', { dealId: DEAL, qty: 2, idempotencyKey: randomBytes(8).toString('hex') }, BUYER)
  const pre = await callFn(api, 'payments', 'prepay', { orderId: placed.id }, BUYER)
  const paid = await fetch(`${api}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pre.package }) })
  expect(paid.status).toBe(200)
  const order = await callFn(api, 'orders', 'get', { id: placed.id }, BUYER)
  codes = order.codes.map((c: { code: string }) => c.code)
  dealTitle = order.dealTitle
  expect(codes).toHaveLength(2)
  await callFn(api, 'orders', 'refund', { orderId: placed.id, codes: [codes[1]] }, BUYER)
})
afterAll(() => env?.stop())

afterEach(() => {
  expect(problems.filter((p) => !allowed.includes(p))).toEqual([])
})

it('1. a valid code: the card, then 确认核销, then the big green answer', async () => {
  const { page } = env
  await switchPersona(page, api, STAFF)
  await openPage(page, api, '/staff/verify/index')
  await page.locator('input[placeholder="输入券码，回车查询"]').waitFor({ timeout: 30_000 })
  await lookUp(spaced(codes[0]).toLowerCase())
  await waitText(page, '本次查询的券')
  await page.getByText('确认核销 1 张').click()
  await waitText(page, '核销成功 1 张')
  await expect(answerCards().count()).resolves.toBe(1)
  await expect(page.locator('.sv-last--ok .sv-last__icon--ok').innerText()).resolves.toBe('✓')
  await shotOf('01-redeemed')
})

it('2. a refunded code: its own card says so; the green answer is gone (kept below as history)', async () => {
  const { page } = env
  await lookUp(codes[1])
  await waitText(page, '这张券已退款，不能再核销')
  await expect(answerCards().count()).resolves.toBe(0)
  await expect(page.getByText('核销成功 1 张').count()).resolves.toBe(0)
  await expect(page.getByText(/确认核销/).count()).resolves.toBe(0)
  await expect(page.locator('.sv-recent').innerText()).resolves.toContain(spaced(codes[0]))
  await shotOf('02-refunded-code')
})

it('3. characters no code has are named, without a look-up', async () => {
  const { page } = env
  const previews = page.waitForRequest((r) => r.url().endsWith('/fn/redemption'), { timeout: 2_000 }).then(
    () => true,
    () => false,
  )
  await lookUp('!!@@##')
  await waitText(page, '「!」「@」「#」不是券码里的字符')
  await expect(page.getByText('现在是 6 位').count()).resolves.toBe(0)
  await expect(page.locator('.sv-preview').count()).resolves.toBe(0)
  await expect(previews).resolves.toBe(false)
  await shotOf('03-bad-characters')
})

it('4. an unknown code: only its error is the answer', async () => {
  const { page } = env
  const mark = problems.length
  await lookUp(WRONG_CODE)
  await waitText(page, '没有找到这张券，请核对券码')
  await expect(answerCards().count()).resolves.toBe(0)
  await expect(page.getByText('核销成功 1 张').count()).resolves.toBe(0)
  await shotOf('04-unknown-code')
  // The gateway answers CODE_NOT_FOUND with 404 and Chromium logs the failed request: that, and nothing else.
  allowed = problems.slice(mark).filter((p) => p.url.endsWith('/fn/redemption') && /status of 404/.test(p.text))
  expect(allowed.length).toBeLessThanOrEqual(1)
})

it('5. undo of the first redemption, from the history: asked first, then reported as an undo', async () => {
  const { page } = env
  const row = page.locator('.sv-recent .sv-entry', { hasText: spaced(codes[0]) })
  await row.getByText('撤销核销', { exact: true }).click()
  const modal = page.locator('.taro__modal')
  await modal.getByText('将恢复为待使用').waitFor({ timeout: 20_000 })
  const question = await modal.innerText()
  expect(question).toContain('撤销核销？')
  expect(question).toContain(`「${dealTitle}」券码 ${spaced(codes[0])} 将恢复为待使用`)
  // Taro's h5 modal fades in: the picture is taken once it is fully shown.
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.taro__modal') as Element).opacity === '1', undefined, { timeout: 5_000 })
  await shotOf('05-undo-confirm')
  await modal.locator('.taro-model__confirm').click()

  await waitText(page, '已撤销核销')
  // It fades out, then is display: none (its wrapper has no box of its own, so Playwright's "hidden" would not wait).
  await page.waitForFunction(() => [...document.querySelectorAll('.taro__modal')].every((m) => getComputedStyle(m).display === 'none'), undefined, { timeout: 5_000 })
  await expect(answerCards().count()).resolves.toBe(1)
  const card = page.locator('.sv-last--undone')
  await expect(card.innerText()).resolves.toContain(spaced(codes[0]))
  await expect(card.innerText()).resolves.toContain('已恢复为「待使用」')
  await expect(page.getByText('未能核销').count()).resolves.toBe(0)
  // The unknown code's message answered an earlier question: it is gone too.
  await expect(page.getByText('没有找到这张券').count()).resolves.toBe(0)
  await expect(row.innerText()).resolves.toContain('已撤销，券码恢复为待使用')
  await shotOf('06-undone')

  // What the server holds agrees: the code is usable again.
  const now = await callFn(api, 'redemption', 'preview', { code: codes[0] }, openidOf('staff'))
  expect(now.state).toBe('unused')
})
