// What the deal page (main package) uses of the promoter feature: small on purpose. The poster and the centre
// live in the promoter sub-package.
export { PromoterShareEntry } from './PromoterShareEntry'
export { EarnChip, copyShareLink, useEarnShare } from './EarnChip'
export { earnChip, earnNote } from './earning'
export { forgetEarnings, useDealEarnings } from './useDealEarnings'
export { forgetShareCodes, useShareCode, withShareCode, ROLE_CHECK_DELAY_MS, type ShareCodeState } from './useShareCode'
