import fc from 'fast-check'
import type { SaleState } from '../contracts/views'
import { compareFeed, distanceM, ENDING_SOON_MS, escapeRegex, feedTier, normalizeSearch, SEARCH_MAX, sortFeed, type FeedFacts } from './feed'
import { categoryLabel, DEAL_CATEGORIES } from './categories'

const NOW = 1_800_000_000_000
const HOUR = 3600_000
const STATES: SaleState[] = ['on_sale', 'not_started', 'sold_out', 'ended', 'paused']

const facts = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  saleState: fc.constantFrom(...STATES),
  saleStart: fc.integer({ min: NOW - 100 * HOUR, max: NOW + 100 * HOUR }),
  saleEnd: fc.integer({ min: NOW, max: NOW + 400 * HOUR }),
  sold: fc.integer({ min: 0, max: 1000 }),
  createdAt: fc.integer({ min: NOW - 1000 * HOUR, max: NOW }),
  distanceM: fc.option(fc.integer({ min: 0, max: 50_000 })),
})

const deal = (id: string, patch: Partial<FeedFacts>): FeedFacts => ({ id, saleState: 'on_sale', saleStart: NOW - HOUR, saleEnd: NOW + 100 * HOUR, sold: 0, createdAt: NOW - HOUR, ...patch })

describe('feed order', () => {
  it('puts every buyable deal before every upcoming one, and those before every sold-out, ended or paused one', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 30 }), (items) => {
        const tiers = sortFeed(items, NOW).map((d) => feedTier(d.saleState))
        for (let i = 1; i < tiers.length; i++) expect(tiers[i]).toBeGreaterThanOrEqual(tiers[i - 1])
      }),
    )
  })

  it('is a total order: the same deals in any order sort the same way', () => {
    fc.assert(
      fc.property(fc.uniqueArray(facts, { selector: (d) => d.id, maxLength: 20 }), fc.integer(), (items, seed) => {
        const shuffled = [...items].sort((a, b) => ((a.id.charCodeAt(0) * seed) % 7) - ((b.id.charCodeAt(0) * seed) % 7))
        expect(sortFeed(shuffled, NOW).map((d) => d.id)).toEqual(sortFeed(items, NOW).map((d) => d.id))
      }),
    )
  })

  it('among buyable deals: ending soon first (soonest first), then the most sold, then the newest', () => {
    const items = [
      deal('new', { createdAt: NOW - HOUR }),
      deal('old', { createdAt: NOW - 50 * HOUR }),
      deal('popular', { sold: 40 }),
      deal('ends-in-20h', { saleEnd: NOW + 20 * HOUR, sold: 0 }),
      deal('ends-in-2h', { saleEnd: NOW + 2 * HOUR }),
    ]
    expect(sortFeed(items, NOW).map((d) => d.id)).toEqual(['ends-in-2h', 'ends-in-20h', 'popular', 'new', 'old'])
  })

  it('counts as ending soon exactly within ENDING_SOON_MS of now', () => {
    const edge = deal('edge', { saleEnd: NOW + ENDING_SOON_MS })
    const later = deal('later', { saleEnd: NOW + ENDING_SOON_MS + 1, sold: 99 })
    expect(compareFeed(edge, later, NOW)).toBeLessThan(0)
  })

  it('upcoming deals open soonest first', () => {
    const items = [deal('in-2d', { saleState: 'not_started', saleStart: NOW + 48 * HOUR }), deal('in-1h', { saleState: 'not_started', saleStart: NOW + HOUR })]
    expect(sortFeed(items, NOW).map((d) => d.id)).toEqual(['in-1h', 'in-2d'])
  })

  it('附近: nearest first among deals that can be bought or open soon; unknown places after known ones; inactive last', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 30 }), (items) => {
        const sorted = sortFeed(items, NOW, 'near')
        const inactive = sorted.map((d) => feedTier(d.saleState) === 2)
        for (let i = 1; i < sorted.length; i++) {
          expect(inactive[i] || !inactive[i - 1]).toBe(true)
          if (inactive[i] === inactive[i - 1]) expect(sorted[i].distanceM ?? Infinity).toBeGreaterThanOrEqual(sorted[i - 1].distanceM ?? Infinity)
        }
      }),
    )
  })
})

describe('distanceM', () => {
  it('is about 2.7 km between the demo shops and 0 to itself, symmetric', () => {
    const a = { lat: 22.5186, lng: 113.9497 }
    const b = { lat: 22.5431, lng: 113.9436 }
    expect(distanceM(a, a)).toBe(0)
    expect(distanceM(a, b)).toBe(distanceM(b, a))
    expect(distanceM(a, b)).toBeGreaterThan(2600)
    expect(distanceM(a, b)).toBeLessThan(2900)
  })
})

describe('search input', () => {
  it('collapses spaces, drops control characters and keeps an empty search empty', () => {
    expect(normalizeSearch('  拿铁 \n\t 咖啡 ')).toBe('拿铁 咖啡')
    expect(normalizeSearch('\u0000\u0007 ')).toBe('')
    expect(normalizeSearch(undefined)).toBe('')
  })

  it('cuts to SEARCH_MAX characters without splitting an emoji', () => {
    const s = normalizeSearch('☕'.repeat(200))
    expect(Array.from(s)).toHaveLength(SEARCH_MAX)
    expect(s).toBe('☕'.repeat(SEARCH_MAX))
    expect(Array.from(normalizeSearch('😀'.repeat(100))).every((c) => c === '😀')).toBe(true)
  })

  it('escaped input matches only itself, whatever it contains', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (q, pre, post) => {
        const re = new RegExp(escapeRegex(q))
        expect(re.test(`${pre}${q}${post}`)).toBe(true)
        expect(re.test(`${pre}${post}`)).toBe(`${pre}${post}`.includes(q))
      }),
    )
    expect(escapeRegex('.*(a|b)[^$]\\')).toBe('\\.\\*\\(a\\|b\\)\\[\\^\\$\\]\\\\')
  })
})

describe('categories', () => {
  it('has six fixed categories with Chinese labels', () => {
    expect(DEAL_CATEGORIES.map((c) => c.label)).toEqual(['餐饮', '咖啡茶饮', '丽人', '休闲娱乐', '亲子', '生活服务'])
    expect(categoryLabel('drinks')).toBe('咖啡茶饮')
    expect(categoryLabel('nope')).toBeNull()
  })
})
