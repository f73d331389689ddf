import type { DealAdminView } from '@core/contracts/views'
import { DEAL_LIMITS } from '@core/deals/limits'
import type { DealCategory } from '@core/deals/categories'
import { publishProblem, publishProblems, type DealDraftField } from '@core/deals/validate-deal'
import type { CreateDealInput, UpdateDealInput } from '../api/deals'
import { addDays, chinaClock, chinaDay, chinaDayEnd, chinaInstant, dayLabel } from './chinaTime'
import { bpsToPercentText, fenToYuanText, parseCount, parsePercentToBps, parseYuanToFen } from './money'

/** The deal editor's fields as typed (strings), China days and times. */
export interface DealForm {
  title: string
  images: string[]
  price: string
  originalPrice: string
  /** Units for sale: only when creating (existing deals move stock through adjustStock). */
  stock: string
  perUserLimit: string
  saleStartDay: string
  saleStartTime: string
  saleEndDay: string
  saleEndTime: string
  validStartDay: string
  validEndDay: string
  rules: string[]
  description: string
  commission: string
  /** 成团: minimum units or buyers (0 or empty = none) and deadline; only when creating. */
  groupBy: 'units' | 'buyers'
  groupMin: string
  /** The home page's category ('' = not chosen yet). */
  category: DealCategory | ''
  groupDeadlineDay: string
  groupDeadlineTime: string
}

export type DealField = keyof DealForm

/** The values the functions take (fen, basis points, epoch ms). */
export interface DealValues {
  title: string
  images: string[]
  priceFen: number
  originalPriceFen: number
  stock: number
  perUserLimit: number
  saleStart: number
  saleEnd: number
  validStart: number
  validEnd: number
  rules: string[]
  description: string
  commissionBps: number
  groupBy: 'units' | 'buyers'
  groupMin: number
  groupDeadline: number | undefined
  category?: DealCategory
}

export const MAX_IMAGES = DEAL_LIMITS.images
export const MAX_RULES = DEAL_LIMITS.rules

/**
 * A new deal: on sale from `now` (to the minute) for two weeks, usable for 45 days, five per person. Starting now,
 * not at the next full hour, so a deal published right away can be bought right away.
 */
export function emptyDealForm(now: number): DealForm {
  const today = chinaDay(now)
  return {
    title: '',
    images: [],
    price: '',
    originalPrice: '',
    stock: '',
    perUserLimit: '5',
    saleStartDay: today,
    saleStartTime: chinaClock(now),
    saleEndDay: addDays(today, 14),
    saleEndTime: '22:00',
    validStartDay: today,
    validEndDay: addDays(today, 45),
    rules: ['无需预约，到店出示券码即可'],
    description: '',
    commission: '5',
    groupBy: 'units',
    groupMin: '',
    groupDeadlineDay: addDays(today, 14),
    groupDeadlineTime: '22:00',
    category: '',
  }
}

export function dealFormOf(d: DealAdminView): DealForm {
  return {
    title: d.title,
    images: [...d.images],
    price: fenToYuanText(d.priceFen),
    originalPrice: fenToYuanText(d.originalPriceFen),
    stock: String(d.stockLeft),
    perUserLimit: String(d.perUserLimit),
    saleStartDay: chinaDay(d.saleStart),
    saleStartTime: chinaClock(d.saleStart),
    saleEndDay: chinaDay(d.saleEnd),
    saleEndTime: chinaClock(d.saleEnd),
    validStartDay: chinaDay(d.validStart),
    validEndDay: chinaDay(d.validEnd),
    rules: d.rules.length > 0 ? [...d.rules] : [''],
    description: d.description,
    commission: bpsToPercentText(d.commissionBps),
    groupBy: d.group?.by ?? 'units',
    groupMin: d.group ? String(d.group.min) : '',
    groupDeadlineDay: d.group ? chinaDay(d.group.deadline) : chinaDay(d.saleEnd),
    groupDeadlineTime: d.group ? chinaClock(d.group.deadline) : chinaClock(d.saleEnd),
    category: d.category ?? '',
  }
}

export type DealErrors = Partial<Record<DealField, string>>
export type ReadResult = { ok: true; values: DealValues } | { ok: false; errors: DealErrors }

/** How many units of a text the contract counts (UTF-16, after the trim the form applies before sending). */
export function textLength(s: string): number {
  return s.trim().length
}

export interface ReadOptions {
  /** Also check what publishing needs (images, stock above 0 …), each on its own field. */
  publishing?: boolean
  /** Units left of a saved deal (its stock is not a form field once created). */
  stockLeft?: number
}

/**
 * Reads and checks the form. `creating` adds stock and 成团 (the update action takes neither). Checks what the
 * contract would refuse, in words, one sentence per rule; with `publishing`, also what the server checks before
 * publishing (core/deals/validate-deal), so the owner sees it on the field rather than as a refusal.
 */
export function readDealForm(f: DealForm, creating: boolean, opts: ReadOptions = {}): ReadResult {
  const errors: DealErrors = {}
  const title = f.title.trim()
  if (!title) errors.title = '请填写团购标题'
  else if (textLength(title) > DEAL_LIMITS.title) errors.title = `标题最多 ${DEAL_LIMITS.title} 个字，现在 ${textLength(title)} 个字`
  if (f.images.length > MAX_IMAGES) errors.images = `最多 ${MAX_IMAGES} 张图片`

  const price = parseYuanToFen(f.price, { label: '团购价' })
  if (!price.ok) errors.price = price.message
  const original = parseYuanToFen(f.originalPrice, { label: '原价' })
  if (!original.ok) errors.originalPrice = original.message
  else if (price.ok && original.value < price.value) errors.originalPrice = '原价不能低于团购价'

  const stock = creating ? parseCount(f.stock, { label: '库存', min: 0, max: 1_000_000 }) : { ok: true as const, value: 0 }
  if (!stock.ok) errors.stock = stock.message
  const limit = parseCount(f.perUserLimit, { label: '每人限购', min: 1, max: 99 })
  if (!limit.ok) errors.perUserLimit = limit.message

  const saleStart = chinaInstant(f.saleStartDay, f.saleStartTime)
  const saleEnd = chinaInstant(f.saleEndDay, f.saleEndTime)
  if (Number.isNaN(saleStart)) errors.saleStartDay = '请选择开始售卖的时间'
  if (Number.isNaN(saleEnd)) errors.saleEndDay = '请选择结束售卖的时间'
  else if (!Number.isNaN(saleStart) && saleEnd <= saleStart) errors.saleEndDay = '结束售卖必须晚于开始售卖'
  const validStart = chinaInstant(f.validStartDay)
  const validEnd = /^\d{4}-\d{2}-\d{2}$/.test(f.validEndDay) ? chinaDayEnd(f.validEndDay) : NaN
  if (Number.isNaN(validStart)) errors.validStartDay = '请选择券的生效日期'
  if (Number.isNaN(validEnd)) errors.validEndDay = '请选择券的截止日期'
  else if (!Number.isNaN(validStart) && validEnd <= validStart) errors.validEndDay = '截止日期不能早于生效日期'
  else if (!Number.isNaN(saleEnd) && validEnd < saleEnd) errors.validEndDay = '券的截止日期不能早于售卖结束'

  const rules = f.rules.map((r) => r.trim()).filter((r) => r !== '')
  const longRule = f.rules.findIndex((r) => textLength(r) > DEAL_LIMITS.rule)
  if (rules.length > MAX_RULES) errors.rules = `最多 ${MAX_RULES} 条规则`
  else if (longRule >= 0) errors.rules = `第 ${longRule + 1} 条规则最多 ${DEAL_LIMITS.rule} 个字，现在 ${textLength(f.rules[longRule])} 个字`
  const description = f.description.trim()
  if (textLength(description) > DEAL_LIMITS.description) errors.description = `介绍最多 ${DEAL_LIMITS.description} 个字，现在 ${textLength(description)} 个字`

  const commission = parsePercentToBps(f.commission)
  if (!commission.ok) errors.commission = commission.message

  let groupMin = 0
  let groupDeadline: number | undefined
  if (creating && f.groupMin.trim() !== '' && f.groupMin.trim() !== '0') {
    const g = parseCount(f.groupMin, { label: f.groupBy === 'buyers' ? '成团人数' : '成团份数', min: 2, max: 100_000 })
    if (!g.ok) errors.groupMin = g.message
    else groupMin = g.value
    groupDeadline = chinaInstant(f.groupDeadlineDay, f.groupDeadlineTime)
    if (Number.isNaN(groupDeadline)) errors.groupDeadlineDay = '请选择成团截止时间'
    else if (!Number.isNaN(saleStart) && groupDeadline <= saleStart) errors.groupDeadlineDay = '成团截止必须晚于开始售卖'
    else if (!Number.isNaN(saleEnd) && groupDeadline > saleEnd) errors.groupDeadlineDay = '成团截止不能晚于售卖结束'
  }

  if (opts.publishing) {
    const facts = {
      title,
      images: f.images,
      priceFen: price.ok ? price.value : 0,
      originalPriceFen: original.ok ? original.value : 0,
      stock: creating ? (stock.ok ? stock.value : 0) : (opts.stockLeft ?? 0),
      perUserLimit: limit.ok ? limit.value : 1,
      saleStart,
      saleEnd,
      validStart,
      validEnd,
    }
    // A field already refused keeps its own, more precise sentence.
    for (const p of publishProblems(facts)) errors[FORM_FIELD_OF[p.field]] ??= p.message
  }

  if (Object.keys(errors).length > 0 || !price.ok || !original.ok || !stock.ok || !limit.ok || !commission.ok) return { ok: false, errors }
  return {
    ok: true,
    values: {
      title,
      images: [...f.images],
      priceFen: price.value,
      originalPriceFen: original.value,
      stock: stock.value,
      perUserLimit: limit.value,
      saleStart,
      saleEnd,
      validStart,
      validEnd,
      rules,
      description,
      commissionBps: commission.value,
      groupBy: f.groupBy,
      groupMin,
      groupDeadline,
      ...(f.category ? { category: f.category } : {}),
    },
  }
}

export function createInputOf(shopId: string, v: DealValues): CreateDealInput {
  const { groupDeadline, groupBy, ...rest } = v
  return { shopId, ...rest, ...(v.groupMin > 0 && groupDeadline !== undefined ? { groupBy, groupDeadline } : {}) }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Only what changed, so an edit never rewrites a field the owner did not touch (a validity end stored at another
 * minute than the form's day granularity stays as it was). Null when nothing changed.
 */
export function updateInputOf(d: DealAdminView, v: DealValues): UpdateDealInput | null {
  const patch: UpdateDealInput = { id: d.id }
  let changed = false
  const set = <K extends keyof UpdateDealInput>(k: K, next: UpdateDealInput[K], before: unknown) => {
    if (!same(next, before)) {
      patch[k] = next
      changed = true
    }
  }
  set('title', v.title, d.title)
  set('images', v.images, d.images)
  set('priceFen', v.priceFen, d.priceFen)
  set('originalPriceFen', v.originalPriceFen, d.originalPriceFen)
  set('perUserLimit', v.perUserLimit, d.perUserLimit)
  set('saleStart', v.saleStart, d.saleStart)
  set('saleEnd', v.saleEnd, d.saleEnd)
  // Validity is edited by day: the same day keeps the stored instant.
  if (chinaDay(v.validStart) !== chinaDay(d.validStart)) set('validStart', v.validStart, d.validStart)
  if (chinaDay(v.validEnd) !== chinaDay(d.validEnd)) set('validEnd', v.validEnd, d.validEnd)
  set('rules', v.rules, d.rules)
  set('description', v.description, d.description)
  set('commissionBps', v.commissionBps, d.commissionBps)
  if (v.category) set('category', v.category, d.category)
  return changed ? patch : null
}

/** Why a deal cannot be published yet, in the owner's words (the same rules as the server), or null. */
export function publishHint(d: DealAdminView): string | null {
  return publishProblem({ ...d, stock: d.stockLeft })
}

export const DEAL_STATUS_LABELS: Record<DealAdminView['status'], string> = {
  draft: '草稿',
  published: '售卖中',
  paused: '已暂停',
  ended: '已结束',
}

/** Which form field shows a publishing problem about a deal fact. */
const FORM_FIELD_OF: Record<DealDraftField, DealField> = {
  title: 'title',
  images: 'images',
  priceFen: 'price',
  originalPriceFen: 'originalPrice',
  stock: 'stock',
  perUserLimit: 'perUserLimit',
  saleStart: 'saleStartDay',
  saleEnd: 'saleEndDay',
  validStart: 'validStartDay',
  validEnd: 'validEndDay',
}

/** The fields in the order the editor shows them: the first error is the one to scroll to. */
const FIELD_ORDER: DealField[] = [
  'title', 'category', 'images', 'description', 'price', 'originalPrice', 'stock', 'perUserLimit', 'commission',
  'saleStartDay', 'saleStartTime', 'saleEndDay', 'saleEndTime', 'validStartDay', 'validEndDay',
  'groupBy', 'groupMin', 'groupDeadlineDay', 'groupDeadlineTime', 'rules',
]

/** The element id of the row a field is shown in (fields that share a row share it). */
export function anchorOf(field: DealField): string {
  if (field.startsWith('sale')) return 'deal-f-sale'
  if (field.startsWith('valid')) return 'deal-f-valid'
  if (field.startsWith('groupDeadline')) return 'deal-f-group-deadline'
  return `deal-f-${field}`
}

/** The errors in the order of the form, one per row, each with the row to scroll to. */
export function errorList(errors: DealErrors): { field: DealField; message: string; anchor: string }[] {
  const seen = new Set<string>()
  return FIELD_ORDER.flatMap((field) => {
    const message = errors[field]
    if (!message || seen.has(anchorOf(field) + message)) return []
    seen.add(anchorOf(field) + message)
    return [{ field, message, anchor: anchorOf(field) }]
  })
}

export type DealStep = { to: 'save' | 'published' | 'paused' | 'ended'; label: string; confirm?: string }

/**
 * The editor's buttons for a deal's status (null = not created yet), all in one place at the end of the form:
 * one primary step with what it does for buyers, a secondary one, and quiet ones (pause, end) that are never the
 * strongest button. Publishing and resuming save unsaved edits first.
 */
export interface DealActionPlan {
  primary: DealStep
  /** What the primary step changes for buyers, said before the tap. */
  consequence: string | null
  secondary: DealStep | null
  quiet: DealStep[]
}

/** What publishing (or resuming) does for buyers, given the sale start in the form. */
export function publishConsequence(f: DealForm, now: number, verb = '发布'): string {
  const start = chinaInstant(f.saleStartDay, f.saleStartTime)
  if (!Number.isNaN(start) && start > now) return `${verb}后顾客能看到，${dayLabel(f.saleStartDay, chinaDay(now).slice(0, 4))} ${f.saleStartTime} 起才能购买`
  return `${verb}后顾客即可购买`
}

export function dealActions(status: DealAdminView['status'] | null, dirty: boolean, form: DealForm, now: number): DealActionPlan | null {
  const save: DealStep = { to: 'save', label: '保存修改' }
  const end = (confirm: string): DealStep => ({ to: 'ended', label: status === 'draft' ? '不再发布这个团购' : '结束售卖', confirm })
  switch (status) {
    case null:
      return { primary: { to: 'published', label: '发布' }, consequence: publishConsequence(form, now), secondary: { to: 'save', label: '保存为草稿' }, quiet: [] }
    case 'draft':
      return {
        primary: { to: 'published', label: dirty ? '保存并发布' : '发布' },
        consequence: publishConsequence(form, now),
        secondary: dirty ? save : null,
        quiet: [end('结束后这个团购不能再编辑或发布。确定吗？')],
      }
    case 'published':
      return {
        primary: dirty ? save : { to: 'save', label: '没有未保存的修改' },
        consequence: dirty ? '保存后顾客立即看到修改' : null,
        secondary: null,
        quiet: [{ to: 'paused', label: '暂停售卖' }, end('结束后不能再恢复售卖，已售出的券仍可使用和退款。确定结束吗？')],
      }
    case 'paused':
      return {
        primary: { to: 'published', label: dirty ? '保存并恢复售卖' : '恢复售卖' },
        consequence: publishConsequence(form, now, '恢复'),
        secondary: dirty ? save : null,
        quiet: [end('结束后不能再恢复售卖，已售出的券仍可使用和退款。确定结束吗？')],
      }
    default:
      return null
  }
}
