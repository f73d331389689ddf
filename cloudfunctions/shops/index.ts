import { defineFunction, unreachable } from '../../server/runner'
import { dashboard } from './dashboard'
import { exportCsv } from './export-csv'
import { getShop } from './get'
import { acceptInvite, inviteStaff } from './invites'
import { createShop, updateShop } from './manage'
import { me } from './me'
import { members, removeStaff } from './members'
import { reviewPromoter, shopPromoters } from './promoters'
import { refundIssues, retryRefund } from './refund-issues'
import { shopSettings, updateSettings } from './settings'

export const main = defineFunction('shops', async (req, ctx) => {
  switch (req.action) {
    case 'me':
      return me(ctx)
    case 'get':
      return getShop(ctx, req.input)
    case 'create':
      return createShop(ctx, req.input)
    case 'update':
      return updateShop(ctx, req.input)
    case 'invite':
      return inviteStaff(ctx, req.input)
    case 'acceptInvite':
      return acceptInvite(ctx, req.input)
    case 'members':
      return members(ctx, req.input)
    case 'removeStaff':
      return removeStaff(ctx, req.input)
    case 'dashboard':
      return dashboard(ctx, req.input)
    case 'refundIssues':
      return refundIssues(ctx, req.input)
    case 'retryRefund':
      return retryRefund(ctx, req.input)
    case 'exportCsv':
      return exportCsv(ctx, req.input)
    case 'promoters':
      return shopPromoters(ctx, req.input)
    case 'reviewPromoter':
      return reviewPromoter(ctx, req.input)
    case 'settings':
      return shopSettings(ctx, req.input)
    case 'updateSettings':
      return updateSettings(ctx, req.input)
    default:
      return unreachable(req)
  }
})
