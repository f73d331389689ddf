/**
 * Who sees a shop's money — 收入, 退款, 净收入 and the commissions its promoters earn: the owner always; staff only
 * where the owner turned on 店员可看收入 (`staffSeeRevenue`, off by default). Without it staff see what the counter
 * needs: orders, units, 核销 and refund counts. The settlement export stays the owner's whatever the setting.
 */
export const DEFAULT_STAFF_SEE_REVENUE = false

export function seesShopMoney(role: 'owner' | 'staff', staffSeeRevenue: boolean | null | undefined): boolean {
  return role === 'owner' || (staffSeeRevenue ?? DEFAULT_STAFF_SEE_REVENUE) === true
}

/** A record without its money fields (every money figure in the contracts is named `…Fen`). */
export type WithoutMoney<T> = { [K in keyof T as K extends `${string}Fen` ? never : K]: T[K] }

export function withoutMoney<T extends object>(x: T): WithoutMoney<T> {
  return Object.fromEntries(Object.entries(x).filter(([k]) => !k.endsWith('Fen'))) as WithoutMoney<T>
}
