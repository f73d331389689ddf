import * as v from 'valibot'
import { action } from './action'
import { Id } from './common'
import type { Me, ShopBrief } from './views'

export const shopsContract = {
  me: action<Me>()({
    input: v.strictObject({}),
    roles: ['anyone'],
    summary: "The caller's identity and roles (shops they own or staff, promoter, admin).",
    returns: 'Me',
    errors: [],
  }),
  get: action<ShopBrief>()({
    input: v.strictObject({ id: Id }),
    roles: ['anyone'],
    summary: 'Public card of a shop.',
    returns: 'ShopBrief',
    errors: ['INVALID_INPUT', 'SHOP_NOT_FOUND'],
  }),
}
