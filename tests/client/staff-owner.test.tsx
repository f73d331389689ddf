import StaffDealsPage from '@/staff/deals/index'
import StaffDealEditPage from '@/staff/deal-edit/index'
import StaffMembersPage from '@/staff/members/index'
import StaffSettingsPage from '@/staff/settings/index'
import StaffJoinPage from '@/staff/join/index'
import { jest } from '@jest/globals'
import Taro from '@tarojs/taro'
import { forgetLocalIdentity } from '@/shared/api'
import { qrRows } from '@/features/staff/model/qr'
import { readInviteCode } from '@/features/staff/model/invite'
import type { DealAdminView, MemberView } from '@core/contracts/views'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, Refusal, dealDetail } from './support/fake-backend'
import { cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'
import { DAY, STAFF_ME, installTaroExtras, typeInto, waitForInputs } from './staff-support'
import { fakeUpload, pngFile, svgFile } from './support/fake-upload'
import { DealEditor } from '@/features/staff/owner/DealEditor'

function adminDeal(over: Partial<DealAdminView> & Pick<DealAdminView, 'id' | 'title'>): DealAdminView {
  return { ...dealDetail(over), status: 'published', commissionBps: 500, ...over }
}

const DEALS = [
  adminDeal({ id: 'deal_tea', title: '双人下午茶套餐', sold: 86, stockLeft: 114 }),
  adminDeal({ id: 'deal_draft', title: '蛋糕三选一', status: 'draft', sold: 0, stockLeft: 0, images: [], cover: '' }),
  adminDeal({ id: 'deal_paused', title: '单人拿铁券', status: 'paused', sold: 12, stockLeft: 7 }),
]

function ownerBackend() {
  const deals = DEALS.map((d) => ({ ...d }))
  const b = new FakeBackend()
    .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
    .on('deals.listForShop', () => deals)
    .on('deals.reviews', () => ({ average: null, count: 0, items: [] }))
  b.install()
  fakeUpload.install()
  return { b, deals }
}

/** The labelled field's inner <input> (Taro renders the label, then the input web component). */
function field(r: Rendered, label: string): HTMLInputElement | HTMLTextAreaElement {
  const fieldEl = Array.from(r.container.querySelectorAll('.st-field')).find((el) => el.querySelector('.st-field__label')?.textContent?.startsWith(label))
  const input = fieldEl?.querySelector('input, textarea') as HTMLInputElement | null
  if (!input) throw new Error(`no field ${label}`)
  return input
}

function button(r: Rendered, text: string): HTMLElement {
  const b = Array.from(r.container.querySelectorAll<HTMLElement>('.tk-button')).find((el) => el.textContent === text)
  if (!b) throw new Error(`no button ${text}; buttons: ${Array.from(r.container.querySelectorAll('.tk-button')).map((e) => e.textContent).join(' | ')}`)
  return b
}

let extras: ReturnType<typeof installTaroExtras>
beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  extras = installTaroExtras()
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
  fakeUpload.reset()
})
afterEach(cleanup)

describe('团购管理', () => {
  it('lists every deal with its status, sold and stock; opens the editor', async () => {
    const { b } = ownerBackend()
    const r = await render(<StaffDealsPage />)
    await waitForText(r, '双人下午茶套餐')
    expect(b.calls.find((c) => c.action === 'listForShop')?.input).toEqual({ shopId: 'shop_a' })
    const rows = Array.from(r.container.querySelectorAll('.so-deal')).map((el) => el.textContent)
    expect(rows[0]).toContain('售卖中')
    expect(rows[0]).toContain('已售 86 · 库存 114')
    expect(rows[1]).toContain('草稿')
    expect(rows[2]).toContain('已暂停')
    expect(r.text()).toContain('共 3 个 · 售卖中 1 · 草稿 1')
    await click(getByText(r, '单人拿铁券'))
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/deal-edit/index?shopId=shop_a&id=deal_paused' })
    await click(button(r, '新建团购'))
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/deal-edit/index?shopId=shop_a' })
  })

  it('staff (not owners) are told these pages are for the owner', async () => {
    ownerBackend()
    taroMock.storage.set('tuanka.persona.openid', 'o_staff')
    const r = await render(<StaffDealsPage />)
    await waitForText(r, '仅店主可以使用')
  })
})

describe('deal editor', () => {
  it('creates a draft with yuan read exactly as fen and % as basis points, then publish explains DEAL_INCOMPLETE', async () => {
    const { b } = ownerBackend()
    let created: DealAdminView | null = null
    b.on('deals.create', (input) => {
      created = adminDeal({ ...(input as unknown as DealAdminView), id: 'deal_new', status: 'draft', sold: 0, stockLeft: input.stock as number, cover: '' })
      return created
    })
    b.failNext('deals.setStatus', 'DEAL_INCOMPLETE')
    const r = await render(<StaffDealEditPage />)
    await waitForText(r, '保存为草稿')
    await waitForInputs(r, 6)
    await typeInto(field(r, '团购标题'), '四人火锅套餐')
    await typeInto(field(r, '团购价'), '0.29')
    await typeInto(field(r, '原价'), '１２８')
    await typeInto(field(r, '库存'), '100')
    await typeInto(field(r, '推手佣金'), '2.5')
    fakeUpload.pick(pngFile('hotpot.png'))
    await click(getByText(r, '添加图片'))
    await waitFor(() => expect(r.container.querySelectorAll('.tk-upload__tile')).toHaveLength(1))
    await click(getByText(r, '或使用示例图片'))
    await click(r.container.querySelector('[data-demo="/files/demo/hotpot-1.svg"]')!)
    await click(button(r, '保存为草稿'))
    await waitForText(r, '已保存为草稿')
    const input = b.calls.find((c) => c.action === 'create')!.input
    expect(input).toMatchObject({ shopId: 'shop_a', title: '四人火锅套餐', priceFen: 29, originalPriceFen: 12800, stock: 100, perUserLimit: 5, commissionBps: 250, groupMin: 0, images: [`/files/uploads/${'1'.padStart(32, '0')}.png`, '/files/demo/hotpot-1.svg'] })
    expect(input.rules).toEqual(['无需预约，到店出示券码即可'])
    expect((input.validEnd as number) > (input.saleEnd as number)).toBe(true)
    expect(taroMock.setNavigationBarTitle).toHaveBeenCalledWith({ title: '编辑团购' })

    await click(button(r, '发布'))
    await waitForText(r, '团购信息不完整，不能发布')
    expect(b.calls.find((c) => c.action === 'setStatus')?.input).toEqual({ id: 'deal_new', to: 'published' })
  })

  it('团购介绍 takes pictures: one uploaded photo becomes a picture line at the end of the text', async () => {
    const { b } = ownerBackend()
    b.on('deals.create', (input) => adminDeal({ ...(input as unknown as DealAdminView), id: 'deal_pic', status: 'draft', sold: 0, stockLeft: 10, cover: '' }))
    const r = await render(<StaffDealEditPage />)
    await waitForInputs(r, 6)
    await typeInto(field(r, '团购标题'), '双人套餐')
    await typeInto(field(r, '团购介绍'), '【套餐内容】')
    await typeInto(field(r, '团购价'), '68')
    await typeInto(field(r, '原价'), '128')
    await typeInto(field(r, '库存'), '10')
    fakeUpload.pick(pngFile('dish.png', 7))
    await click(getByText(r, '＋ 插入图片'))
    await waitFor(() => expect(r.text()).toContain('＋ 插入图片'))
    await click(button(r, '保存为草稿'))
    await waitForText(r, '已保存为草稿')
    const input = b.calls.find((c) => c.action === 'create')!.input
    expect(input.description).toMatch(/^【套餐内容】\n!\[\]\(\/files\/uploads\/[0-9a-f]+\.png\)$/)
  })

  it('edits send only what changed; pause/resume/end follow the answers; stock moves through adjustStock', async () => {
    const { b, deals } = ownerBackend()
    const tea = deals[0]
    b.on('deals.update', (input) => Object.assign(tea, input))
    b.on('deals.setStatus', (input) => Object.assign(tea, { status: input.to === 'published' ? 'published' : input.to }))
    b.on('deals.adjustStock', (input) => {
      if (tea.stockLeft + (input.delta as number) < 0) throw new Refusal('STOCK_BELOW_ZERO')
      return Object.assign(tea, { stockLeft: tea.stockLeft + (input.delta as number) })
    })
    taroMock.router.params = { shopId: 'shop_a', id: 'deal_tea' }
    const r = await render(<StaffDealEditPage />)
    await waitForText(r, '暂停售卖')
    expect(r.text()).toContain('已售 86 · 库存 114')
    await waitForInputs(r, 6)
    expect(field(r, '团购价').value).toBe('68')
    expect(r.text()).not.toContain('最少成团份数') // 成团 is set when creating only

    await typeInto(field(r, '团购价'), '59.9')
    await click(button(r, '保存修改'))
    await waitForText(r, '已保存')
    expect(b.calls.find((c) => c.action === 'update')?.input).toEqual({ id: 'deal_tea', priceFen: 5990 })

    await click(button(r, '暂停售卖'))
    await waitForText(r, '恢复售卖')
    expect(r.text()).toContain('已暂停售卖，顾客暂时不能购买')
    await click(button(r, '恢复售卖'))
    await waitForText(r, '已恢复售卖')

    const stock = r.container.querySelector('.so-stock input') as HTMLInputElement
    await typeInto(stock, '200')
    await click(button(r, '减少'))
    await waitForText(r, '库存不能小于 0')
    await typeInto(stock, '10')
    await click(button(r, '增加'))
    await waitForText(r, '库存已增加 10 份，现在剩余 124 份')
    expect(b.calls.filter((c) => c.action === 'adjustStock').map((c) => c.input.delta)).toEqual([-200, 10])

    extras.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await click(button(r, '结束售卖'))
    expect(b.calls.filter((c) => c.action === 'setStatus')).toHaveLength(2) // cancelled: nothing sent
    await click(button(r, '结束售卖'))
    await waitForText(r, '已结束的团购不能再修改')
    expect(r.text()).not.toContain('保存修改')
  })
})

/** 2026-11-23 14:07:30 China time: the editor's "now" in the tests that depend on it. */
const NOW = Date.UTC(2026, 10, 23, 6, 7, 30)
const clock = () => NOW

/** The error summary by the buttons, in order. */
const summary = (r: Rendered) => Array.from(r.container.querySelectorAll('.so-actions .so-summary__text')).map((e) => e.textContent)
/** The error under a labelled field, or null. */
function fieldError(r: Rendered, label: string): string | null {
  const el = Array.from(r.container.querySelectorAll('.st-field')).find((f) => f.querySelector('.st-field__label')?.textContent?.startsWith(label))
  if (!el) throw new Error(`no field ${label}`)
  return el.querySelector('.st-field__error')?.textContent ?? null
}
const primary = (r: Rendered) => r.container.querySelector<HTMLElement>('.so-actions .tk-button--primary, .so-actions > .tk-button')!
const pdfFile = () => new File([Uint8Array.from('%PDF-1.7 menu', (c) => c.charCodeAt(0))], '菜单.pdf', { type: 'application/pdf' })

async function fillNewDeal(r: Rendered) {
  await typeInto(field(r, '团购标题'), '四人火锅套餐')
  await typeInto(field(r, '团购价'), '99')
  await typeInto(field(r, '原价'), '168')
  await typeInto(field(r, '库存'), '50')
  await click(getByText(r, '或使用示例图片'))
  await click(r.container.querySelector('[data-demo="/files/demo/hotpot-1.svg"]')!)
}

function creatingBackend() {
  const { b, deals } = ownerBackend()
  let made: DealAdminView | null = null
  b.on('deals.create', (input) => {
    const group = (input.groupMin as number) > 0 ? { by: input.groupBy as 'units' | 'buyers', min: input.groupMin as number, count: 0, deadline: input.groupDeadline as number, status: 'forming' as const } : null
    made = adminDeal({ ...(input as unknown as DealAdminView), id: 'deal_new', status: 'draft', sold: 0, stockLeft: input.stock as number, cover: '', group })
    deals.push(made)
    return made
  })
  b.on('deals.setStatus', (input) => Object.assign(made!, { status: input.to, saleState: input.to === 'published' ? 'on_sale' : made!.saleState }))
  return b
}

describe('deal editor: feedback where the owner is', () => {
  it('lists every error by the buttons and under its field, scrolls to the first, and clears each one as it is fixed', async () => {
    const b = creatingBackend()
    const r = await render(<DealEditor shopId='shop_a' initial={null} clock={clock} />)
    await waitForInputs(r, 6)
    await typeInto(field(r, '团购价'), '68.555')
    await typeInto(field(r, '库存'), '-5')
    await click(primary(r))
    await waitFor(() => expect(summary(r).length).toBeGreaterThan(0))
    expect(primary(r).textContent).toBe('发布')
    expect(summary(r)).toEqual(['请填写团购标题', '请至少上传一张图片', '团购价最多两位小数（精确到分）', '请填写原价', '库存不能小于 0'])
    expect(r.container.querySelector('.so-actions .so-summary__title')?.textContent).toContain('还有 5 处需要修改')
    expect(fieldError(r, '团购标题')).toBe('请填写团购标题')
    expect(fieldError(r, '库存')).toBe('库存不能小于 0')
    expect(extras.pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#deal-f-title' }))
    expect(r.container.querySelector('#deal-f-title')).not.toBeNull()
    expect(b.calls.some((c) => c.action === 'create')).toBe(false)

    // Fixed fields lose their red at once; a row of the summary takes the owner to its field.
    await typeInto(field(r, '团购标题'), '四人火锅套餐')
    expect(fieldError(r, '团购标题')).toBeNull()
    expect(summary(r)).not.toContain('请填写团购标题')
    await typeInto(field(r, '库存'), '5.5')
    expect(fieldError(r, '库存')).toBe('库存请填写整数')
    await typeInto(field(r, '库存'), '50')
    expect(fieldError(r, '库存')).toBeNull()
    await click(r.container.querySelectorAll('.so-summary__item')[0] as HTMLElement)
    expect(extras.pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#deal-f-images' }))

    // A draft needs no photo: saving as a draft lists only what the draft itself gets wrong.
    await click(button(r, '保存为草稿'))
    await waitFor(() => expect(summary(r)).toEqual(['团购价最多两位小数（精确到分）', '请填写原价']))
    expect(extras.pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#deal-f-price' }))
    await typeInto(field(r, '团购价'), '99')
    await typeInto(field(r, '原价'), '168')
    expect(r.container.querySelector('.so-summary')).toBeNull()
    await click(button(r, '保存为草稿'))
    await waitForText(r, '已保存为草稿，顾客还看不到')
    expect(b.calls.find((c) => c.action === 'create')?.input).toMatchObject({ title: '四人火锅套餐', priceFen: 9900, originalPriceFen: 16800, stock: 50 })
  })

  it('says a network failure next to the buttons and keeps what was typed', async () => {
    const b = creatingBackend()
    const r = await render(<DealEditor shopId='shop_a' initial={null} clock={clock} />)
    await waitForInputs(r, 6)
    await fillNewDeal(r)
    b.networkDown = true
    await click(button(r, '保存为草稿'))
    await waitFor(() => expect(r.container.querySelector('.so-actions .so-note--error')?.textContent).toBe('网络不太好，请检查网络后重试'))
    expect(r.container.querySelector('.st-banner')).toBeNull()
    expect(field(r, '团购标题').value).toBe('四人火锅套餐')
    b.networkDown = false
    await click(button(r, '保存为草稿'))
    await waitForText(r, '已保存为草稿')
    expect(r.container.querySelector('.so-note--error')).toBeNull()
  })

  it('publishing is the main step and says what it does; once on sale, pausing and ending are quiet', async () => {
    const b = creatingBackend()
    const r = await render(<DealEditor shopId='shop_a' initial={null} clock={clock} />)
    await waitForInputs(r, 6)
    await fillNewDeal(r)
    expect(primary(r).textContent).toBe('发布')
    expect(r.container.querySelector('.so-actions .so-consequence')?.textContent).toBe('发布后顾客即可购买')
    await click(primary(r))
    await waitForText(r, '已发布，顾客现在可以购买')
    expect(b.calls.filter((c) => c.action === 'create' || c.action === 'setStatus').map((c) => c.action)).toEqual(['create', 'setStatus'])

    const strong = Array.from(r.container.querySelectorAll('.tk-button--primary')).map((e) => e.textContent)
    expect(strong).not.toContain('暂停售卖')
    expect(button(r, '暂停售卖').className).toContain('tk-button--ghost')
    expect(button(r, '结束售卖').className).toContain('tk-button--ghost')
    expect(primary(r).textContent).toBe('没有未保存的修改')
    // The first row of buttons is the form's end: 发布 is not at the top of the page any more.
    expect(r.container.querySelector('.so-status-card .tk-button')).toBeNull()
  })

  it('a new deal is on sale from the editor\'s now, to the minute', async () => {
    const b = creatingBackend()
    const r = await render(<DealEditor shopId='shop_a' initial={null} clock={clock} />)
    await waitForInputs(r, 6)
    expect(r.text()).toContain('开始时间已到：发布后顾客立即可以购买')
    await fillNewDeal(r)
    await click(button(r, '保存为草稿'))
    await waitForText(r, '已保存为草稿')
    // 14:07 China time, to the minute: not the next full hour.
    expect(b.calls.find((c) => c.action === 'create')?.input.saleStart).toBe(Date.UTC(2026, 10, 23, 6, 7))
  })

  it('keeps the 成团 section after saving, and says it is fixed', async () => {
    creatingBackend()
    const r = await render(<DealEditor shopId='shop_a' initial={null} clock={clock} />)
    await waitForInputs(r, 6)
    await fillNewDeal(r)
    await click(getByText(r, '按人数'))
    await typeInto(field(r, '最少成团人数'), '3')
    await click(button(r, '保存为草稿'))
    await waitForText(r, '已保存为草稿')
    const group = Array.from(r.container.querySelectorAll('.st-card')).find((c) => c.querySelector('.st-card__title')?.textContent === '成团')
    expect(group?.textContent).toContain('按人数：至少 3 人')
    expect(group?.textContent).toContain('成团条件在新建时确定，之后不能修改')
    // Stock stays in 价格与库存 too, as what is left with 增加/减少.
    expect(r.text()).toContain('剩余 50 份 · 已售 0 份')
  })

  it('counts the title against its limit and never cuts it; the check names the length', async () => {
    creatingBackend()
    const r = await render(<DealEditor shopId='shop_a' initial={null} clock={clock} />)
    await waitForInputs(r, 6)
    const counter = () => r.container.querySelector('#deal-f-title .st-field__count')!
    expect(counter().textContent).toBe('0/60')
    await typeInto(field(r, '团购标题'), '火'.repeat(58))
    expect(counter().textContent).toBe('58/60')
    expect(counter().className).not.toContain('--over')
    await typeInto(field(r, '团购标题'), '火'.repeat(65))
    expect(counter().textContent).toBe('65/60')
    expect(counter().className).toContain('st-field__count--over')
    expect(field(r, '团购标题').value).toHaveLength(65)
    await click(button(r, '保存为草稿'))
    await waitFor(() => expect(fieldError(r, '团购标题')).toBe('标题最多 60 个字，现在 65 个字'))
    expect(r.container.querySelector('#deal-f-description .st-field__count')?.textContent).toBe('0/5000')
  })

  it('says why a chosen file was not uploaded when it is not a picture at all', async () => {
    ownerBackend()
    const r = await render(<DealEditor shopId='shop_a' initial={null} clock={clock} />)
    await waitForText(r, '添加图片')
    fakeUpload.pickInBrowser(pdfFile())
    await click(getByText(r, '添加图片'))
    await waitForText(r, '选的文件不是图片，请选择 JPG、PNG 或 WebP 格式的照片')
    expect(fakeUpload.received).toHaveLength(0)

    fakeUpload.pickInBrowser(pngFile('a.png', 1), pdfFile())
    await click(getByText(r, '添加图片'))
    await waitFor(() => expect(r.container.querySelectorAll('.tk-upload__tile:not(.tk-upload__tile--pending)')).toHaveLength(1))
    await waitForText(r, '选的文件不是图片')
    expect(fakeUpload.received).toHaveLength(1)
  })
})

describe('deal images', () => {
  const uploaded = (n: number) => `/files/uploads/${String(n).padStart(32, '0')}.png`
  const tiles = (r: Rendered) => Array.from(r.container.querySelectorAll<HTMLElement>('.tk-upload__tile:not(.tk-upload__tile--pending)')).map((el) => el.dataset.src)

  it('uploads picked photos in order, holds saving while uploading, sets the cover and removes', async () => {
    const { b, deals } = ownerBackend()
    const tea = deals[0]
    b.on('deals.update', (input) => Object.assign(tea, input))
    taroMock.router.params = { shopId: 'shop_a', id: 'deal_tea' }
    const r = await render(<StaffDealEditPage />)
    await waitForText(r, '图片（2/9）')

    const release = fakeUpload.hold()
    fakeUpload.pick(pngFile('a.png', 1), pngFile('b.png', 2))
    await click(getByText(r, '添加图片'))
    await waitForText(r, '上传中…')
    expect(r.text()).toContain('等待上传')
    expect(button(r, '图片上传中…').className).toContain('tk-button--disabled')
    expect(fakeUpload.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 7, mediaType: ['image'] }))
    release()
    await waitForText(r, '图片（4/9）')
    expect(tiles(r)).toEqual(['/files/demo/coffee-1.svg', '/files/demo/coffee-2.svg', uploaded(1), uploaded(2)])
    expect(fakeUpload.received[0].headers).toMatchObject({ 'content-type': 'image/png', 'x-tuanka-openid': 'o_owner' })
    expect(Array.from(fakeUpload.received[0].bytes.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47])

    // The last one becomes the cover; the first demo image goes.
    const last = r.container.querySelectorAll('.tk-upload__tile')[3]
    await click(last.querySelector('.tk-upload__set')!)
    expect(tiles(r)[0]).toBe(uploaded(2))
    expect(r.container.querySelector('.tk-upload__tile .tk-upload__cover')?.textContent).toBe('封面')
    await click(r.container.querySelectorAll('.tk-upload__remove')[1])
    expect(tiles(r)).toEqual([uploaded(2), '/files/demo/coffee-2.svg', uploaded(1)])

    await click(button(r, '保存修改'))
    await waitForText(r, '已保存')
    expect(b.calls.find((c) => c.action === 'update')?.input).toEqual({ id: 'deal_tea', images: [uploaded(2), '/files/demo/coffee-2.svg', uploaded(1)] })
  })

  it('says in words why a photo was refused, and uploads nothing the client can already refuse', async () => {
    ownerBackend()
    const r = await render(<StaffDealEditPage />)
    await waitForText(r, '保存为草稿')

    fakeUpload.pick(svgFile())
    await click(getByText(r, '添加图片'))
    await waitForText(r, '只支持 JPG、PNG、WebP 格式的图片')
    fakeUpload.pick(pngFile('big.png', 0, 2 * 1024 * 1024 + 1))
    await click(getByText(r, '添加图片'))
    await waitForText(r, '图片不能超过 2 MB')
    expect(fakeUpload.received).toHaveLength(0)

    fakeUpload.failNext(413, 'IMAGE_TOO_LARGE')
    fakeUpload.pick(pngFile('a.png', 1), pngFile('b.png', 2))
    await click(getByText(r, '添加图片'))
    await waitFor(() => expect(tiles(r)).toEqual([uploaded(1)]))
    await waitForText(r, '图片不能超过 2 MB，请换一张或截图后再试')
    expect(r.text()).not.toContain('IMAGE_TOO_LARGE')

    fakeUpload.cancelPick()
    await click(getByText(r, '添加图片'))
    expect(r.container.querySelector('.tk-upload__error')).toBeNull() // cancelling is not an error
  })

  it('offers no add tile once nine images are chosen', async () => {
    const { deals } = ownerBackend()
    deals[0].images = Array.from({ length: 9 }, (_, i) => uploaded(i + 1))
    taroMock.router.params = { shopId: 'shop_a', id: 'deal_tea' }
    const r = await render(<StaffDealEditPage />)
    await waitForText(r, '图片（9/9）')
    expect(r.container.querySelector('.tk-upload__add')).toBeNull()
  })
})

describe('店员管理', () => {
  const members: MemberView[] = [
    { openid: 'o_owner', name: '林店长', role: 'owner', joinedAt: Date.now() - 30 * DAY },
    { openid: 'o_staff', name: '小周', role: 'staff', joinedAt: Date.now() - 3 * DAY },
  ]

  it('invite shows the code big, as a QR code, with its expiry; removing staff asks first', async () => {
    const { b } = ownerBackend()
    b.on('shops.members', () => members)
    b.on('shops.invite', () => ({ code: 'ABCDEFGHJK', shopId: 'shop_a', role: 'staff', expiresAt: Date.now() + 24 * 3600_000 - 1000 }))
    b.on('shops.removeStaff', (input) => members.filter((m) => m.openid !== input.openid))
    const r = await render(<StaffMembersPage />)
    await waitForText(r, '小周')
    expect(r.text()).toContain('店铺成员（2）')
    await click(button(r, '生成邀请码'))
    await waitForText(r, 'ABCDE FGHJK')
    expect(r.text()).toMatch(/23小时59分钟内有效（至 .+），只能使用一次/)
    const qr = r.container.querySelector('.st-qr') as HTMLElement
    expect(Number(qr.dataset.size)).toBeGreaterThanOrEqual(21)
    expect(qr.querySelectorAll('.st-qr__run').length).toBeGreaterThan(50)
    await click(button(r, '复制邀请链接'))
    expect(extras.setClipboardData).toHaveBeenCalledWith({ data: expect.stringMatching(/#\/staff\/join\/index\?code=ABCDEFGHJK$/) })

    extras.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await click(button(r, '移除'))
    expect(b.calls.some((c) => c.action === 'removeStaff')).toBe(false)
    await click(button(r, '移除'))
    await waitForText(r, '店铺成员（1）')
    expect(extras.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '移除店员' }))
    expect(b.calls.find((c) => c.action === 'removeStaff')?.input).toEqual({ shopId: 'shop_a', openid: 'o_staff' })
  })

  it('the QR matrix is a real QR code of the link (finder patterns in three corners)', () => {
    const { size, rows } = qrRows('http://127.0.0.1:8787/#/staff/join/index?code=ABCDEFGHJK')
    expect(size).toBe(33) // version 4
    const dark = (x: number, y: number) => rows[y].some(([s, l]) => x >= s && x < s + l)
    for (const [ox, oy] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
      expect(rows[oy].some(([s, l]) => s === ox && l === 7)).toBe(true) // top edge of the finder
      expect(dark(ox + 3, oy + 3)).toBe(true) // centre
      expect(dark(ox + 1, oy + 1)).toBe(false) // white ring
    }
  })

  it('invite codes are read from links and typing', () => {
    expect(readInviteCode('abcde fghjk')).toBe('ABCDEFGHJK')
    expect(readInviteCode('/staff/join/index?code=ABCDEFGHJK')).toBe('ABCDEFGHJK')
    expect(readInviteCode('ab')).toBeNull()
  })
})

describe('店铺设置', () => {
  it('saves only the changed fields and checks the phone first', async () => {
    const { b } = ownerBackend()
    const shop = { ...dealDetail({ id: 'x', title: 'x' }).shop }
    b.on('shops.get', () => shop)
    b.on('shops.update', (input) => Object.assign(shop, { ...input, shopId: undefined }))
    const r = await render(<StaffSettingsPage />)
    await waitForInputs(r, 4)
    expect(field(r, '店名').value).toBe('拾光咖啡（万象城店）')
    await typeInto(field(r, '电话'), '请拨打')
    await click(button(r, '保存'))
    await waitForText(r, '电话只能包含数字')
    expect(b.calls.some((c) => c.action === 'update')).toBe(false)
    await typeInto(field(r, '电话'), '0755-8600 5678')
    await typeInto(field(r, '营业时间'), '  周一至周日 10:00-22:00 ')
    await click(button(r, '保存'))
    await waitForText(r, '已保存')
    expect(b.calls.find((c) => c.action === 'update')?.input).toEqual({ shopId: 'shop_a', phone: '0755-8600 5678', hours: '周一至周日 10:00-22:00' })
  })
})

describe('店铺地图位置', () => {
  function settingsBackend(location: { lat: number; lng: number; name?: string } | null) {
    const { b } = ownerBackend()
    const shop = { ...dealDetail({ id: 'x', title: 'x' }).shop, location }
    b.on('shops.get', () => shop)
    b.on('shops.update', (input) => Object.assign(shop, { ...input, shopId: undefined }))
    return b
  }

  it('h5 (local): says there is no map picker, checks typed coordinates, saves and clears them', async () => {
    const b = settingsBackend(null)
    const r = await render(<StaffSettingsPage />)
    await waitForInputs(r, 7)
    expect(r.text()).toContain('本地开发环境不提供地图选点')
    expect(button(r, '没有修改').className).toContain('tk-button--disabled')

    await typeInto(field(r, '纬度'), '北纬22')
    await typeInto(field(r, '经度'), '200')
    await click(button(r, '保存'))
    await waitForText(r, '纬度应为数字，如 22.5186')
    expect(r.text()).toContain('经度应在 -180 到 180 之间')
    expect(b.calls.some((c) => c.action === 'update')).toBe(false)

    await typeInto(field(r, '纬度'), ' 22.543096 ')
    await typeInto(field(r, '经度'), '１１４.０５７８６５')
    await typeInto(field(r, '地点名称'), '万象城')
    await click(button(r, '保存'))
    await waitForText(r, '已保存')
    expect(b.calls.find((c) => c.action === 'update')?.input).toEqual({ shopId: 'shop_a', location: { lat: 22.543096, lng: 114.057865, name: '万象城' } })

    await click(getByText(r, '清除位置'))
    await click(button(r, '保存'))
    await waitFor(() => expect(b.calls.filter((c) => c.action === 'update')).toHaveLength(2))
    expect(b.calls.filter((c) => c.action === 'update')[1].input).toEqual({ shopId: 'shop_a', location: null })
  })

  it('weapp: picks the place on the map and offers the map address as the shop address', async () => {
    const b = settingsBackend(null)
    const chooseLocation = jest.fn(async (_o: { latitude?: number; longitude?: number }) => ({ name: '万象城', address: '广东省深圳市南山区深南大道9668号', latitude: 22.5186123, longitude: 113.9497456, errMsg: 'chooseLocation:ok' }))
    Object.assign(Taro as unknown as Record<string, unknown>, { chooseLocation })
    // The mini-program reaches the (fake) gateway through Taro.request rather than fetch.
    taroMock.request.mockImplementation(async (o) => {
      const res = await fetch(o.url, { method: o.method, headers: o.header, body: o.data === undefined ? undefined : JSON.stringify(o.data) })
      return { statusCode: res.status, data: JSON.parse(await res.text()) as unknown }
    })
    process.env.TARO_ENV = 'weapp'
    try {
      const r = await render(<StaffSettingsPage />)
      await waitForText(r, '还没有设置：顾客在团购页看不到「导航」')
      expect(r.text()).not.toContain('本地开发环境')
      await click(button(r, '在地图上选点'))
      await waitForText(r, '万象城（22.5186, 113.9497）')
      await click(button(r, '用作店铺地址'))
      expect(r.text()).not.toContain('地图上的地址')
      await click(button(r, '保存'))
      await waitForText(r, '已保存')
      expect(b.calls.find((c) => c.action === 'update')?.input).toEqual({
        shopId: 'shop_a',
        address: '广东省深圳市南山区深南大道9668号',
        location: { lat: 22.518612, lng: 113.949746, name: '万象城' },
      })
      chooseLocation.mockRejectedValueOnce({ errMsg: 'chooseLocation:fail cancel' })
      await click(button(r, '重新选点'))
      expect(r.container.querySelector('.st-banner--error')).toBeNull()
      expect(chooseLocation).toHaveBeenLastCalledWith({ latitude: 22.518612, longitude: 113.949746 })
    } finally {
      process.env.TARO_ENV = 'h5'
      taroMock.request.mockReset()
    }
  })
})

describe('加入店铺', () => {
  it('joins with the invite code of the link and a name', async () => {
    const b = new FakeBackend()
    let joined = false
    b.on('shops.me', () => (joined ? STAFF_ME.o_staff : STAFF_ME.o_consumer))
    b.on('shops.acceptInvite', (input) => {
      joined = true
      return { openid: 'o_consumer', name: input.name, role: 'staff', joinedAt: Date.now() }
    })
    b.install()
    taroMock.storage.set('tuanka.persona.openid', 'o_consumer')
    taroMock.router.params = { code: 'ABCDEFGHJK' }
    const r = await render(<StaffJoinPage />)
    await waitForInputs(r, 2)
    expect(field(r, '邀请码').value).toBe('ABCDEFGHJK')
    await click(button(r, '加入店铺'))
    await waitForText(r, '请填写你的名字')
    await typeInto(field(r, '你的名字'), ' 小周 ')
    await click(button(r, '加入店铺'))
    await waitForText(r, '已加入「拾光咖啡（万象城店）」')
    expect(b.calls.find((c) => c.action === 'acceptInvite')?.input).toEqual({ code: 'ABCDEFGHJK', name: '小周' })
    await click(button(r, '去核销券码'))
    expect(extras.redirectTo).toHaveBeenCalledWith({ url: '/staff/verify/index' })
  })

  it('an invalid or used invite is explained', async () => {
    const b = new FakeBackend().on('shops.me', () => STAFF_ME.o_consumer)
    b.failNext('shops.acceptInvite', 'INVITE_INVALID')
    b.install()
    taroMock.router.params = { code: 'ABCDEFGHJK' }
    const r = await render(<StaffJoinPage />)
    await waitForInputs(r, 2)
    await typeInto(field(r, '你的名字'), '小周')
    await click(button(r, '加入店铺'))
    await waitForText(r, '邀请码无效或已过期。邀请码 24 小时内有效且只能用一次，请让店主重新邀请。')
  })
})

describe('顾客评价', () => {
  it('the shop answers a review once, from the deal editor', async () => {
    const { b } = ownerBackend()
    const review = { id: 'rv_1', rating: 4, text: '拿铁很香，蛋糕略甜', photos: [], name: '林**', at: Date.now() - DAY, reply: null as null | { text: string; at: number } }
    b.on('deals.reviews', () => ({ average: 4, count: 1, items: [review] }))
    b.on('deals.replyReview', (input) => ({ ...review, reply: { text: input.text as string, at: Date.now() } }))
    taroMock.router.params = { shopId: 'shop_a', id: 'deal_tea' }
    const r = await render(<StaffDealEditPage />)
    await waitForText(r, '顾客评价（1）')
    expect(r.text()).toContain('★★★★☆')
    expect(r.text()).toContain('拿铁很香，蛋糕略甜')
    await click(button(r, '回复'))
    await waitForText(r, '请填写回复内容')
    await waitFor(() => expect(r.container.querySelector('.so-review textarea')).not.toBeNull())
    await typeInto(r.container.querySelector('.so-review textarea') as HTMLTextAreaElement, ' 谢谢，下次少糖 ')
    await click(button(r, '回复'))
    await waitForText(r, '商家回复：谢谢，下次少糖')
    expect(b.calls.find((c) => c.action === 'replyReview')?.input).toEqual({ reviewId: 'rv_1', text: '谢谢，下次少糖' })
    expect(r.container.querySelector('.so-review textarea')).toBeNull()
  })
})
