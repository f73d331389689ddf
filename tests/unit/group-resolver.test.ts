import type { Db } from '../../server/platform/cloudbase'

/** WeChat's side, as wx-server-sdk exposes it: mockGetOpenData answers a cloudID for five minutes. */
const mockOpenData = new Map<string, string>()
const mockGetOpenData = jest.fn(async ({ list }: { list: string[] }) => ({
  list: list.map((cloudID) => (mockOpenData.has(cloudID) ? { cloudID, data: { openGId: mockOpenData.get(cloudID) } } : { cloudID, errCode: -601006, errMsg: 'cloudID expired.' })),
}))
jest.mock('wx-server-sdk', () => ({ init: () => undefined, DYNAMIC_CURRENT_ENV: 'env', getOpenData: mockGetOpenData }), { virtual: true })

/** A database with just what the resolver uses: documents by id, inserts that refuse a taken id. */
function memoryDb(): Db {
  const docs = new Map<string, unknown>()
  return {
    collection: (c: string) => ({
      doc: (id: string) => ({ get: async () => ({ data: docs.has(`${c}/${id}`) ? [docs.get(`${c}/${id}`)] : [] }) }),
      add: async (d: { _id: string }) => {
        if (docs.has(`${c}/${d._id}`)) return { code: 'DATABASE_DUPLICATE_WRITE', message: 'duplicate' }
        docs.set(`${c}/${d._id}`, d)
        return { id: d._id }
      },
    }),
  } as unknown as Db
}

describe('group resolver', () => {
  it('trusts only what the platform decrypts, and keeps a ticket naming its group after WeChat forgets it', async () => {
    const { resolveGroup } = await import('../../server/platform/groups')
    const db = memoryDb()
    mockOpenData.set('35_ticket_a', 'G_family')
    expect(await resolveGroup(db, '35_ticket_a')).toBe('G_family')
    // Five minutes later WeChat no longer answers this cloudID; a fresh instance (no memory) still knows it.
    mockOpenData.clear()
    jest.resetModules()
    const fresh = await import('../../server/platform/groups')
    expect(await fresh.resolveGroup(db, '35_ticket_a')).toBe('G_family')
    // A ticket WeChat never answered, a local-style one, or a forged group id: no group.
    expect(await fresh.resolveGroup(db, '35_ticket_unknown')).toBeNull()
    expect(await fresh.resolveGroup(db, 'local:G_family')).toBeNull()
    expect(await fresh.resolveGroup(db, undefined)).toBeNull()
    expect(mockGetOpenData).toHaveBeenCalledTimes(3)
  })
})
