import { createInputOf, dealActions, emptyDealForm, errorList, publishConsequence, readDealForm, textLength } from '@/features/staff/model/dealForm'

const NOW = Date.UTC(2026, 10, 23, 4, 0)

function filled(over: Partial<ReturnType<typeof emptyDealForm>>) {
  return { ...emptyDealForm(NOW), title: '四人火锅', price: '99', originalPrice: '168', stock: '50', images: ['/files/demo/hotpot-1.svg'], ...over }
}

describe('deal form: 成团 by units or by buyers', () => {
  it('sends the kind of minimum with the minimum, and nothing about groups without one', () => {
    const byBuyers = readDealForm(filled({ groupBy: 'buyers', groupMin: '3' }), true)
    expect(byBuyers.ok).toBe(true)
    if (!byBuyers.ok) return
    expect(createInputOf('shop_a', byBuyers.values)).toMatchObject({ groupBy: 'buyers', groupMin: 3 })

    const none = readDealForm(filled({ groupBy: 'buyers', groupMin: '' }), true)
    expect(none.ok).toBe(true)
    if (!none.ok) return
    const input = createInputOf('shop_a', none.values)
    expect(input.groupMin).toBe(0)
    expect('groupBy' in input).toBe(false)
  })

  it('names the minimum in its own unit when it is wrong', () => {
    const r = readDealForm(filled({ groupBy: 'buyers', groupMin: '1' }), true)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.groupMin).toContain('成团人数')
  })
})

describe('deal form: defaults from an explicit now', () => {
  it('starts selling at now, to the minute (not the next full hour), in China time', () => {
    // 2026-11-23 23:59:40 China time: still the 23rd, and no rounding up into the 24th.
    const late = Date.UTC(2026, 10, 23, 15, 59, 40)
    const f = emptyDealForm(late)
    expect([f.saleStartDay, f.saleStartTime]).toEqual(['2026-11-23', '23:59'])
    expect(f.validStartDay).toBe('2026-11-23')
    const r = readDealForm({ ...f, title: 'x', price: '1', originalPrice: '1', stock: '1' }, true)
    expect(r.ok && r.values.saleStart).toBe(Date.UTC(2026, 10, 23, 15, 59))
    expect(r.ok && r.values.saleStart <= late).toBe(true)
  })

  it('says what publishing does: buyable at once, or from a later start', () => {
    const f = emptyDealForm(NOW)
    expect(publishConsequence(f, NOW)).toBe('发布后顾客即可购买')
    expect(publishConsequence({ ...f, saleStartDay: '2026-11-25', saleStartTime: '10:00' }, NOW)).toBe('发布后顾客能看到，11月25日 10:00 起才能购买')
    expect(publishConsequence({ ...f, saleStartDay: '2026-11-25', saleStartTime: '10:00' }, NOW, '恢复')).toMatch(/^恢复后/)
  })
})

describe('deal form: one sentence per rule', () => {
  const errorsOf = (over: Partial<ReturnType<typeof emptyDealForm>>, opts?: Parameters<typeof readDealForm>[2]) => {
    const r = readDealForm(filled(over), true, opts)
    return r.ok ? {} : r.errors
  }

  it('reads counts: below the minimum, not whole, not a number, too many', () => {
    expect(errorsOf({ stock: '-5' }).stock).toBe('库存不能小于 0')
    expect(errorsOf({ stock: '－5' }).stock).toBe('库存不能小于 0')
    expect(errorsOf({ stock: '5.5' }).stock).toBe('库存请填写整数')
    expect(errorsOf({ stock: '五十' }).stock).toBe('库存请填写数字，如 1')
    expect(errorsOf({ stock: '2000000' }).stock).toBe('库存不能超过 1000000')
    expect(errorsOf({ perUserLimit: '-1' }).perUserLimit).toBe('每人限购至少为 1')
    expect(errorsOf({ perUserLimit: '0' }).perUserLimit).toBe('每人限购至少为 1')
    expect(errorsOf({ stock: '０' }).stock).toBeUndefined()
  })

  it('names the length of a text over its limit, counted as the contract counts it', () => {
    expect(errorsOf({ title: '火'.repeat(61) }).title).toBe('标题最多 60 个字，现在 61 个字')
    expect(errorsOf({ title: `  ${'火'.repeat(60)}  ` }).title).toBeUndefined()
    // An emoji is two units for the contract (valibot maxLength): the form says so rather than the server refusing.
    expect(textLength('🍲'.repeat(31))).toBe(62)
    expect(errorsOf({ title: '🍲'.repeat(31) }).title).toBe('标题最多 60 个字，现在 62 个字')
    expect(errorsOf({ rules: ['ok', '规'.repeat(121)] }).rules).toBe('第 2 条规则最多 120 个字，现在 121 个字')
    expect(errorsOf({ description: 'x'.repeat(5001) }).description).toBe('介绍最多 5000 个字，现在 5001 个字')
  })

  it('asks what publishing needs only when publishing, each on its own field', () => {
    const draft = { images: [], stock: '0' }
    expect(errorsOf(draft)).toEqual({})
    expect(errorsOf(draft, { publishing: true })).toEqual({ images: '请至少上传一张图片', stock: '库存必须大于 0' })
    // A field already wrong keeps its own sentence.
    expect(errorsOf({ stock: '-5' }, { publishing: true }).stock).toBe('库存不能小于 0')
    // A saved deal's stock is not in the form: what is left decides.
    const saved = readDealForm(filled({ stock: '' }), false, { publishing: true, stockLeft: 0 })
    expect(saved.ok ? {} : saved.errors).toEqual({ stock: '库存必须大于 0' })
    expect(readDealForm(filled({ stock: '' }), false, { publishing: true, stockLeft: 3 }).ok).toBe(true)
  })

  it('lists errors in the order of the form, each with the row to scroll to', () => {
    const r = readDealForm(filled({ title: '', price: '', images: [], saleEndDay: '2026-11-01', rules: ['规'.repeat(121)] }), true, { publishing: true })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(errorList(r.errors).map((e) => [e.anchor, e.message])).toEqual([
      ['deal-f-title', '请填写团购标题'],
      ['deal-f-images', '请至少上传一张图片'],
      ['deal-f-price', '请填写团购价'],
      ['deal-f-sale', '结束售卖必须晚于开始售卖'],
      ['deal-f-rules', '第 1 条规则最多 120 个字，现在 121 个字'],
    ])
  })
})

describe('deal form: the buttons for each status', () => {
  const f = emptyDealForm(NOW)
  const names = (p: ReturnType<typeof dealActions>) => p && { primary: p.primary.label, secondary: p.secondary?.label ?? null, quiet: p.quiet.map((q) => q.label) }

  it('publishing (or resuming) is the main step; pausing and ending are never it', () => {
    expect(names(dealActions(null, true, f, NOW))).toEqual({ primary: '发布', secondary: '保存为草稿', quiet: [] })
    expect(names(dealActions('draft', false, f, NOW))).toEqual({ primary: '发布', secondary: null, quiet: ['不再发布这个团购'] })
    expect(names(dealActions('draft', true, f, NOW))).toEqual({ primary: '保存并发布', secondary: '保存修改', quiet: ['不再发布这个团购'] })
    expect(names(dealActions('published', false, f, NOW))).toEqual({ primary: '没有未保存的修改', secondary: null, quiet: ['暂停售卖', '结束售卖'] })
    expect(names(dealActions('published', true, f, NOW))).toEqual({ primary: '保存修改', secondary: null, quiet: ['暂停售卖', '结束售卖'] })
    expect(names(dealActions('paused', false, f, NOW))).toEqual({ primary: '恢复售卖', secondary: null, quiet: ['结束售卖'] })
    expect(dealActions('ended', false, f, NOW)).toBeNull()
    for (const s of ['draft', 'published', 'paused'] as const) {
      const plan = dealActions(s, false, f, NOW)!
      expect(plan.quiet.every((q) => q.to === 'paused' || q.to === 'ended')).toBe(true)
      expect(plan.quiet.find((q) => q.to === 'ended')?.confirm).toBeTruthy()
      expect(['paused', 'ended']).not.toContain(plan.primary.to)
    }
    expect(dealActions('draft', false, f, NOW)!.consequence).toBe('发布后顾客即可购买')
    expect(dealActions('paused', false, f, NOW)!.consequence).toBe('恢复后顾客即可购买')
  })
})
