import { checkBooks } from './support/invariants'
import type { Suite } from './support/suite'

/** After every other attack on the shared stack: the books of every order, deal and commission line. */
export async function books(s: Suite): Promise<void> {
  await checkBooks(s.report, 'books after the whole run')
}
