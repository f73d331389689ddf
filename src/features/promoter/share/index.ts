// What the deal page (main package) uses of the promoter feature: small on purpose. The poster and the centre
// live in the promoter sub-package.
export { PromoterShareEntry } from './PromoterShareEntry'
export { forgetShareCodes, useShareCode, withShareCode, ROLE_CHECK_DELAY_MS, type ShareCodeState } from './useShareCode'
