import { DealFormView } from '@/features/staff/owner/DealFormView'
import { createInputOf, dealFormOf, emptyDealForm, readDealForm, updateInputOf, type DealForm } from '@/features/staff/model/dealForm'
import { dealDetail } from './support/fake-backend'
import { cleanup, click, getByText, render } from './support/render'

/** The deal editor's category: a chip per fixed category (core/deals/categories), sent on create and on change. */
const NOW = Date.UTC(2026, 10, 23, 4, 0)
const filled = (over: Partial<DealForm>): DealForm => ({ ...emptyDealForm(NOW), title: '四人火锅', price: '99', originalPrice: '168', stock: '50', images: ['/files/demo/hotpot-1.svg'], ...over })

afterEach(cleanup)

it('sends the chosen category with a new deal, and none when none was chosen', () => {
  const chosen = readDealForm(filled({ category: 'food' }), true)
  expect(chosen.ok && createInputOf('shop_a', chosen.values).category).toBe('food')
  const none = readDealForm(filled({}), true)
  expect(none.ok && 'category' in createInputOf('shop_a', none.values)).toBe(false)
})

it('an edit sends the category only when it changed', () => {
  const saved = { ...dealDetail({ id: 'deal_a', title: '四人火锅', category: 'food' }), status: 'published' as const, commissionBps: 500 }
  const form = dealFormOf(saved)
  expect(form.category).toBe('food')
  const same = readDealForm(form, false, { stockLeft: saved.stockLeft })
  expect(same.ok && updateInputOf(saved, same.values)).toBeNull()
  const moved = readDealForm({ ...form, category: 'leisure' }, false, { stockLeft: saved.stockLeft })
  expect(moved.ok && updateInputOf(saved, moved.values)).toEqual({ id: 'deal_a', category: 'leisure' })
})

it('shows the six categories as chips and picks one on tap', async () => {
  let form = filled({})
  const changes: Partial<DealForm>[] = []
  const r = await render(<DealFormView form={form} errors={{}} creating now={NOW} onChange={(p) => { changes.push(p); form = { ...form, ...p } }} />)
  expect(r.text()).toContain('分类')
  for (const label of ['餐饮', '咖啡茶饮', '丽人', '休闲娱乐', '亲子', '生活服务']) getByText(r, label)
  await click(getByText(r, '亲子'))
  expect(changes).toEqual([{ category: 'family' }])
})
