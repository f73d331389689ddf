/** What must hold before a deal can be published; returns the first problem in words a shop owner reads. */
export interface DealDraftFacts {
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
}

export type DealDraftField = keyof DealDraftFacts

/** Every reason the deal cannot be published, in order, each naming the fact it is about (so a form can mark it). */
export function publishProblems(d: DealDraftFacts): { field: DealDraftField; message: string }[] {
  const out: { field: DealDraftField; message: string }[] = []
  const no = (field: DealDraftField, message: string) => out.push({ field, message })
  if (!d.title.trim()) no('title', '请填写团购标题')
  if (d.images.length === 0) no('images', '请至少上传一张图片')
  if (d.priceFen <= 0) no('priceFen', '团购价必须大于 0')
  if (d.originalPriceFen < d.priceFen) no('originalPriceFen', '原价不能低于团购价')
  if (d.stock <= 0) no('stock', '库存必须大于 0')
  if (d.perUserLimit <= 0) no('perUserLimit', '每人限购至少 1 份')
  if (d.saleEnd <= d.saleStart) no('saleEnd', '售卖结束时间必须晚于开始时间')
  if (d.validEnd <= d.validStart) no('validEnd', '使用截止时间必须晚于开始时间')
  else if (d.validEnd < d.saleEnd) no('validEnd', '券的使用截止时间不能早于售卖结束时间')
  return out
}

/** The first reason the deal cannot be published, or null. */
export function publishProblem(d: DealDraftFacts): string | null {
  return publishProblems(d)[0]?.message ?? null
}
