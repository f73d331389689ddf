/** The categories a shop files a deal under: a small fixed list, so the home page's chips never change shape. */
export const DEAL_CATEGORIES = [
  { id: 'food', label: '餐饮' },
  { id: 'drinks', label: '咖啡茶饮' },
  { id: 'beauty', label: '丽人' },
  { id: 'leisure', label: '休闲娱乐' },
  { id: 'family', label: '亲子' },
  { id: 'services', label: '生活服务' },
] as const

export type DealCategory = (typeof DEAL_CATEGORIES)[number]['id']

export const DEAL_CATEGORY_IDS = DEAL_CATEGORIES.map((c) => c.id) as [DealCategory, ...DealCategory[]]

export function categoryLabel(id: string | null | undefined): string | null {
  return DEAL_CATEGORIES.find((c) => c.id === id)?.label ?? null
}
