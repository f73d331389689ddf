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

export function publishProblem(d: DealDraftFacts): string | null {
  if (!d.title.trim()) return '请填写团购标题'
  if (d.images.length === 0) return '请至少上传一张图片'
  if (d.priceFen <= 0) return '团购价必须大于 0'
  if (d.originalPriceFen < d.priceFen) return '原价不能低于团购价'
  if (d.stock <= 0) return '库存必须大于 0'
  if (d.perUserLimit <= 0) return '每人限购至少 1 份'
  if (d.saleEnd <= d.saleStart) return '售卖结束时间必须晚于开始时间'
  if (d.validEnd <= d.validStart) return '使用截止时间必须晚于开始时间'
  if (d.validEnd < d.saleEnd) return '券的使用截止时间不能早于售卖结束时间'
  return null
}
