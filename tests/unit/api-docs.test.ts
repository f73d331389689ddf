import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { documentedErrors, ENVELOPE_ERRORS, notesOf, renderApiDocs } from '../../scripts/api-docs'
import { scanActionErrors } from '../../scripts/api-docs/error-scan'
import { outputShapes, renderShape, shapeProblems } from '../../scripts/api-docs/shapes'
import { contracts } from '../../core/contracts'
import type { AnySpec } from '../../core/contracts/action'
import { ERROR_MEANINGS } from '../../core/contracts/descriptions'
import { ERROR_MESSAGES, type ErrorCode } from '../../core/errors'
import { GATEWAY_ENDPOINTS } from '../../local/gateway/endpoints'

const ROOT = path.resolve(__dirname, '../..')

/** Building the TypeScript program the docs and the scan read takes seconds on a busy machine. */
jest.setTimeout(180_000)

/**
 * Codes the handler scan finds in a shared helper that this action can never answer, and why. The scan follows
 * every call, so a helper's codes count for each caller; these are the cases where the caller's arguments or its
 * own catch make a code impossible. Keep it short: an entry here hides a code from the docs. (An entry the scan no
 * longer needs is tolerated, so a handler can move off requireShopRole without touching this test.)
 */
const NOT_ANSWERED: Record<string, Partial<Record<ErrorCode, string>>> = {
  'deals.listForShop': { FORBIDDEN: "requireShopRole(['owner', 'staff']): every member may" },
  'deals.create': { DEAL_NOT_FOUND: "adminView's guard for a deal whose shop is gone: requireShopRole has just read the shop" },
  'deals.update': { SHOP_NOT_FOUND: "ownDeal turns requireShopRole's SHOP_NOT_FOUND into DEAL_NOT_FOUND" },
  'deals.setStatus': { SHOP_NOT_FOUND: "ownDeal turns requireShopRole's SHOP_NOT_FOUND into DEAL_NOT_FOUND" },
  'deals.adjustStock': { SHOP_NOT_FOUND: "ownDeal turns requireShopRole's SHOP_NOT_FOUND into DEAL_NOT_FOUND" },
  'shops.members': { FORBIDDEN: "requireShopRole(['owner', 'staff']): every member may" },
  'shops.dashboard': { FORBIDDEN: "requireShopRole(['owner', 'staff']): every member may" },
  'shops.promoters': { FORBIDDEN: "requireShopRole(['owner', 'staff']): every member may" },
  'redemption.history': { FORBIDDEN: "requireShopRole(['owner', 'staff']): every member may" },
}

const actions = (): [string, AnySpec][] =>
  Object.entries(contracts).flatMap(([fn, c]) => Object.entries(c as Record<string, AnySpec>).map(([a, spec]): [string, AnySpec] => [`${fn}.${a}`, spec]))

let scanned: Record<string, ErrorCode[]>
let doc: string
beforeAll(() => {
  scanned = scanActionErrors()
  doc = renderApiDocs()
})

describe('docs/api.md', () => {
  it('is current with the contracts (regenerate: npx tsx scripts/api-docs.ts)', () => {
    expect(readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8')).toBe(doc)
  })

  it('documents every action with its input, its answer expanded field by field, and its errors', () => {
    for (const [name] of actions()) {
      const section = doc.split(`### ${name}\n`)[1]?.split('\n### ')[0] ?? ''
      expect(section).toContain('Input:')
      expect(section).toMatch(/Answer \(`data`\):\n\n```ts\n[{(\[]/)
      expect(section).toContain('| `INTERNAL` | 500 |')
    }
    // Nested input shapes are expanded, not named.
    expect(doc.split('### shops.update\n')[1]).toMatch(/location\?: \{\n\s+lat: number/)
  })

  it('gives every error code a meaning and a Chinese message', () => {
    const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[]
    expect(codes.filter((c) => !ERROR_MEANINGS[c])).toEqual([])
    for (const [name] of actions()) {
      const [fn, a] = name.split('.')
      const notes = notesOf(fn, a)
      for (const c of [...Object.keys(notes.errors ?? {}), ...Object.keys(notes.itemCodes ?? {})]) expect(codes).toContain(c)
    }
  })
})

describe('documented answer shapes (read from the contracts\' output types)', () => {
  it('expand named types into fields, with units and the written order of unions', () => {
    const shapes = outputShapes()
    expect(renderShape(shapes['deals.setStatus'])).toMatch(/^\{ \/\/ DealAdminView\n  id: string\n/)
    expect(renderShape(shapes['deals.setStatus'])).toContain('status: "draft" | "published" | "paused" | "ended"')
    expect(renderShape(shapes['orders.get'])).toContain('amountFen: number (Fen)')
    expect(renderShape(shapes['orders.get'])).toContain('paidAt: number (Millis) | null')
  })

  it('tell an answer that departs from the shape', () => {
    const shop = {
      id: 's', name: 'n', address: 'a', phone: '1', location: { lat: 1, lng: 2 }, hours: 'h',
      promoterPolicy: { approvalRequired: false, attributionDays: 7, selfPurchase: false, holdDays: 0 },
    }
    const shape = outputShapes()['shops.get']
    expect(shapeProblems(shop, shape)).toEqual([])
    expect(shapeProblems({ ...shop, ownerOpenid: 'o_x' }, shape)).toEqual(['data.ownerOpenid: not documented'])
    expect(shapeProblems({ ...shop, location: { lat: '1', lng: 2 } }, shape)).toHaveLength(1)
    const noHours: Record<string, unknown> = { ...shop }
    delete noHours.hours
    expect(shapeProblems(noHours, shape)).toEqual(['data.hours: missing'])
  })
})

describe('error codes in the docs hold to the handlers (scan of cloudfunctions/<fn>/index.ts and what it calls)', () => {
  it('finds the handler of every action', () => {
    expect(Object.keys(scanned).sort()).toEqual(actions().map(([n]) => n).sort())
  })

  it('documents every code a handler can answer (add it to the contract\'s `errors`, or to itemCodes in core/contracts/descriptions.ts)', () => {
    const missing: string[] = []
    for (const [name, spec] of actions()) {
      const [fn, a] = name.split('.')
      const documented = new Set<string>([...documentedErrors(spec), ...Object.keys(notesOf(fn, a).itemCodes ?? {}), ...Object.keys(NOT_ANSWERED[name] ?? {})])
      for (const code of scanned[name] ?? []) if (!documented.has(code)) missing.push(`${name}: ${code}`)
    }
    expect(missing).toEqual([])
  })

  it('documents no code a handler cannot answer (declared errors and per-item codes are all reachable)', () => {
    const stale: string[] = []
    for (const [name, spec] of actions()) {
      const [fn, a] = name.split('.')
      const reachable = new Set<string>([...(scanned[name] ?? []), ...ENVELOPE_ERRORS])
      const claimed = [...spec.errors, ...Object.keys(notesOf(fn, a).itemCodes ?? {}), ...Object.keys(notesOf(fn, a).errors ?? {})]
      for (const code of claimed) if (!reachable.has(code)) stale.push(`${name}: ${code}`)
    }
    expect(stale).toEqual([])
  })

  it('every action a signed-out caller cannot use documents UNAUTHENTICATED', () => {
    const without = actions()
      .filter(([, spec]) => !spec.roles.includes('anyone') && !spec.errors.includes('UNAUTHENTICATED'))
      .map(([n]) => n)
    expect(without).toEqual([])
  })
})

describe('the local gateway in the docs holds to its sources', () => {
  const sources = ['local/gateway', 'local/payments'].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith('.ts') && f !== 'endpoints.ts')
      .map((f) => readFileSync(path.join(ROOT, dir, f), 'utf8')),
  )
  // The merchant-transfer emulator's 确认收款 page answers /local/transfer (its sheet()).
  sources.push(readFileSync(path.join(ROOT, 'local/platform/transfer/emulator.ts'), 'utf8'))
  // Code only: comments may name routes in prose (`/files/<prefix>/`).
  const gateway = readdirSync(path.join(ROOT, 'local/gateway'))
    .filter((f) => f.endsWith('.ts') && f !== 'endpoints.ts')
    .map((f) => readFileSync(path.join(ROOT, 'local/gateway', f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''))
    .join('\n')

  it('documents every route the gateway takes (add new ones to local/gateway/endpoints.ts)', () => {
    const fromStrings = [...gateway.matchAll(/['`](\/(?:local|fn|files|healthz)[^'`$]*)/g)].map((m) => m[1])
    // Routes written as regular expressions: /^\/local\/timers\/([^/]+)$/ -> /local/timers/
    const fromRegexes = [...gateway.matchAll(/\/\^((?:\\\/[A-Za-z0-9_-]*)+)/g)].map((m) => m[1].replace(/\\\//g, '/'))
    const routes = [...new Set([...fromStrings, ...fromRegexes])]
    expect(routes).toEqual(expect.arrayContaining(['/fn/', '/local/pay', '/local/transfer', '/local/upload', '/local/personas', '/healthz', '/files/']))
    const documented = GATEWAY_ENDPOINTS.flatMap((e) => e.path.split(', ').map((p) => p.replace(/ \(.*$/, '')))
    expect(routes.filter((r) => !documented.some((d) => d.startsWith(r)))).toEqual([])
  })

  it('documents every HTTP status the gateway and its local sheets answer', () => {
    const statuses = new Set<number>()
    for (const src of sources) {
      const answered = /(?:sendJson|send|refuse)\((?:req, )?(?:res, )?(\d{3})\b|writeHead\((\d{3})\b|status: (\d{3})\b|^\s+[A-Z_]+: (\d{3}),$/gm
      for (const m of src.matchAll(answered)) statuses.add(Number(m[1] ?? m[2] ?? m[3] ?? m[4]))
    }
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 503]))
    const http = doc.split('## HTTP statuses')[1].split('\n## ')[0]
    expect([...statuses].filter((s) => s !== 200 && !http.includes(`\n| ${s} |`))).toEqual([])
  })
})
