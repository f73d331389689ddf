import { readFileSync } from 'node:fs'
import path from 'node:path'
import { renderApiDocs } from '../../scripts/api-docs'
import { contracts } from '../../core/contracts'

describe('docs/api.md', () => {
  it('is current with the contracts (regenerate: npx tsx scripts/api-docs.ts)', () => {
    expect(readFileSync(path.resolve(__dirname, '../../docs/api.md'), 'utf8')).toBe(renderApiDocs())
  })
  it('documents every action', () => {
    const doc = renderApiDocs()
    for (const [fn, c] of Object.entries(contracts)) for (const a of Object.keys(c)) expect(doc).toContain(`### ${fn}.${a}`)
  })
})
