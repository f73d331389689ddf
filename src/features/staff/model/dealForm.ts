import type { DealAdminView } from '@core/contracts/views'
import { publishProblem } from '@core/deals/validate-deal'
import type { CreateDealInput, UpdateDealInput } from '../api/deals'
import { addDays, chinaClock, chinaDay, chinaDayEnd, chinaInstant } from './chinaTime'
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
}

export const MAX_IMAGES = 9
export const MAX_RULES = 20

/** A new deal: on sale from now for two weeks, usable for 45 days, five per person. */
export function emptyDealForm(now: number): DealForm {
  const today = chinaDay(now)
  const nextHour = Math.ceil(now / 3_600_000) * 3_600_000
  return {
    title: '',
    images: [],
    price: '',
    originalPrice: '',
    stock: '',
    perUserLimit: '5',
    saleStartDay: chinaDay(nextHour),
    saleStartTime: chinaClock(nextHour),
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
  }
}

export type ReadResult = { ok: true; values: DealValues } | { ok: false; errors: Partial<Record<DealField, string>> }

/**
 * Reads and checks the form. `creating` adds stock and 成团 (the update action takes neither). Checks what the
 * contract would refuse, in words; whether the deal may be *published* is the server's call (DEAL_INCOMPLETE).
 */
export function readDealForm(f: DealForm, creating: boolean): ReadResult {
  const errors: Partial<Record<DealField, string>> = {}
  const title = f.title.trim()
  if (!title) errors.title = '请填写团购标题'
  else if (Array.from(title).length > 60) errors.title = '标题最多 60 个字'
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
  if (rules.length > MAX_RULES) errors.rules = `最多 ${MAX_RULES} 条规则`
  else if (rules.some((r) => Array.from(r).length > 120)) errors.rules = '每条规则最多 120 个字'
  const description = f.description.trim()
  if (Array.from(description).length > 5000) errors.description = '介绍最多 5000 个字'

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

export type StatusAction = { to: 'published' | 'paused' | 'ended'; label: string; confirm?: string }

/** The buttons a deal's status allows (core/deals/states.ts): publish, pause, resume, end. */
export function statusActions(status: DealAdminView['status']): StatusAction[] {
  const end: StatusAction = { to: 'ended', label: '结束', confirm: '结束后不能再恢复售卖，已售出的券仍可使用和退款。确定结束吗？' }
  switch (status) {
    case 'draft':
      return [{ to: 'published', label: '发布' }, end]
    case 'published':
      return [{ to: 'paused', label: '暂停售卖' }, end]
    case 'paused':
      return [{ to: 'published', label: '恢复售卖' }, end]
    default:
      return []
  }
}
