import { openidOf } from '../../local/seed/personas'
import { runJourney } from '../../scripts/deploy-check/journey'
import { startTestStack, type TestStack } from './support/stack'

/**
 * The journey npm run deploy:check runs (scripts/deploy-check/journey.ts): share → checkout → pay → 发货信息 →
 * verify → refund → withdraw through the gateway, in production mode (nothing tells the functions they are local).
 */
let t: TestStack
let before: string | undefined
beforeAll(async () => {
  t = await startTestStack()
  before = process.env.TUANKA_PAYMENT
  delete process.env.TUANKA_PAYMENT
})
afterAll(async () => {
  if (before !== undefined) process.env.TUANKA_PAYMENT = before
  await t.stop()
})

test('every step of the money journey passes through the production modules', async () => {
  const steps = await runJourney(t.stack.apiUrl, { promoter: 'o_journey_promoter', buyer: 'o_journey_buyer', staff: openidOf('staff') })
  expect(steps.map((s) => [s.step, s.ok, s.ok ? '' : s.detail])).toEqual(
    ['share', 'checkout', 'pay', '发货信息', 'verify', 'refund', 'withdraw'].map((s) => [s, true, '']),
  )
})

test('a step that fails is named with its reason, and the rest are not reached', async () => {
  // A deal that does not exist: the promoter cannot share it.
  const steps = await runJourney(t.stack.apiUrl, { promoter: 'o_journey_promoter_2', buyer: 'o_journey_buyer_2', staff: openidOf('staff') }, 'deal_missing')
  expect(steps[0]).toMatchObject({ step: 'share', ok: false, detail: expect.stringContaining('DEAL_NOT_FOUND') })
  expect(steps.slice(1).map((s) => [s.step, s.ok, s.detail])).toEqual(['checkout', 'pay', '发货信息', 'verify', 'refund', 'withdraw'].map((s) => [s, false, 'not reached']))
})
