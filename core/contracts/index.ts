import type { AnySpec, InputOf, OutputOf, RawInputOf } from './action'
import { dealsContract } from './deals'
import { shopsContract } from './shops'
import { ordersContract } from './orders'
import { paymentsContract } from './payments'
import { redemptionContract } from './redemption'
import { promotersContract } from './promoters'

/** Every cloud function and its actions. The runner, the gateway, the client service and docs/api.md read this. */
export const contracts = {
  deals: dealsContract,
  shops: shopsContract,
  orders: ordersContract,
  payments: paymentsContract,
  redemption: redemptionContract,
  promoters: promotersContract,
} as const

export type Contracts = typeof contracts
export type FnName = keyof Contracts
export type ActionName<F extends FnName> = keyof Contracts[F] & string
export type Spec<F extends FnName, A extends ActionName<F>> = Contracts[F][A] extends AnySpec ? Contracts[F][A] : never
export type Input<F extends FnName, A extends ActionName<F>> = InputOf<Spec<F, A>>
export type RawInput<F extends FnName, A extends ActionName<F>> = RawInputOf<Spec<F, A>>
export type Output<F extends FnName, A extends ActionName<F>> = OutputOf<Spec<F, A>>

export function isFnName(name: string): name is FnName {
  return Object.prototype.hasOwnProperty.call(contracts, name)
}
