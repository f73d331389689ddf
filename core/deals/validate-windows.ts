/**
 * What must hold for any deal, draft or not: coherent windows and prices. (Completeness — title, images,
 * stock — is only required to publish; see validate-deal.ts.)
 */
export interface DealShape {
  priceFen: number
  originalPriceFen: number
  saleStart: number
  saleEnd: number
  validStart: number
  validEnd: number
}

export function shapeProblem(d: DealShape): string | null {
  if (d.originalPriceFen > 0 && d.priceFen > d.originalPriceFen) return '团购价不能高于原价'
  if (d.saleEnd <= d.saleStart) return '售卖结束时间必须晚于开始时间'
  if (d.validEnd <= d.validStart) return '使用截止时间必须晚于开始时间'
  if (d.validEnd < d.saleEnd) return '券的使用截止时间不能早于售卖结束时间'
  return null
}
