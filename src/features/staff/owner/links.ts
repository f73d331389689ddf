/** Where the owner pages live in the staff sub-package. */
export function dealEditUrl(shopId: string, dealId?: string): string {
  return `/staff/deal-edit/index?shopId=${encodeURIComponent(shopId)}${dealId ? `&id=${encodeURIComponent(dealId)}` : ''}`
}
