/**
 * How long a deal's texts and lists may be: the contract refuses more (core/contracts/deals.ts), and the editor
 * counts against the same numbers. Lengths are UTF-16 units, as the contract's maxLength measures them.
 */
export const DEAL_LIMITS = {
  title: 60,
  description: 5000,
  rule: 120,
  rules: 20,
  images: 9,
} as const
