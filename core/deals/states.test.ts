import { reachableFrom, terminalStates } from '../state-machine'
import { DEAL_TRANSITIONS } from './states'
import { publishProblem, publishProblems } from './validate-deal'
import { shapeProblem } from './validate-windows'

describe('deal states', () => {
  it('every state is reachable from draft and ended is the only terminal', () => {
    expect([...reachableFrom(DEAL_TRANSITIONS, 'draft')].sort()).toEqual(['draft', 'ended', 'paused', 'published'])
    expect(terminalStates(DEAL_TRANSITIONS)).toEqual(['ended'])
  })
})

describe('publishProblem', () => {
  const ok = { title: '双人套餐', images: ['/files/demo/a.svg'], priceFen: 100, originalPriceFen: 200, stock: 5, perUserLimit: 1, saleStart: 1, saleEnd: 2, validStart: 1, validEnd: 3 }
  it('accepts a complete deal', () => expect(publishProblem(ok)).toBeNull())
  it.each([
    [{ title: ' ' }, '请填写团购标题'],
    [{ images: [] }, '请至少上传一张图片'],
    [{ originalPriceFen: 50 }, '原价不能低于团购价'],
    [{ stock: 0 }, '库存必须大于 0'],
    [{ saleEnd: 1 }, '售卖结束时间必须晚于开始时间'],
    [{ validEnd: 1 }, '使用截止时间必须晚于开始时间'],
  ])('%o -> %s', (patch, msg) => expect(publishProblem({ ...ok, ...patch })).toBe(msg))
  it('lists every problem with the fact it is about, in the order publishProblem reports them', () => {
    const bad = { ...ok, title: '', images: [], stock: 0, validEnd: 1 }
    expect(publishProblems(bad)).toEqual([
      { field: 'title', message: '请填写团购标题' },
      { field: 'images', message: '请至少上传一张图片' },
      { field: 'stock', message: '库存必须大于 0' },
      { field: 'validEnd', message: '使用截止时间必须晚于开始时间' },
    ])
    expect(publishProblem(bad)).toBe(publishProblems(bad)[0].message)
    expect(publishProblems(ok)).toEqual([])
  })
})

describe('shapeProblem', () => {
  const ok = { priceFen: 100, originalPriceFen: 200, saleStart: 1, saleEnd: 2, validStart: 1, validEnd: 3 }
  it('accepts a coherent deal and names the first problem otherwise', () => {
    expect(shapeProblem(ok)).toBeNull()
    expect(shapeProblem({ ...ok, priceFen: 300 })).toBe('团购价不能高于原价')
    expect(shapeProblem({ ...ok, saleEnd: 0 })).toBe('售卖结束时间必须晚于开始时间')
    expect(shapeProblem({ ...ok, validEnd: 1 })).toBe('使用截止时间必须晚于开始时间')
    expect(shapeProblem({ ...ok, saleEnd: 5, validEnd: 4 })).toBe('券的使用截止时间不能早于售卖结束时间')
  })
})
