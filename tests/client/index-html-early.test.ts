import { readFileSync } from 'node:fs'
import path from 'node:path'

// src/index.html's early deals.page request for a deal link, run as the browser runs it (before the app loads).
const html = readFileSync(path.join(__dirname, '../../src/index.html'), 'utf8')
const early = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).find((s) => s.includes('__tuankaDealPage'))

type Win = { __tuankaDealPage?: { key: string } }

function open(hash: string): jest.Mock {
  const fetchMock = jest.fn(() => Promise.resolve({ status: 200, text: () => Promise.resolve('{"ok":false}') }))
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  delete (window as Win).__tuankaDealPage
  window.location.hash = hash
  new Function(early as string)()
  return fetchMock
}

it('a plain deal link asks deals.page early and leaves the reply for the app', () => {
  const f = open('#/pages/deal/index?id=deal_tea')
  expect(f).toHaveBeenCalledTimes(1)
  const init = (f.mock.calls[0] as unknown[])[1] as { body: string }
  expect(JSON.parse(init.body)).toEqual({ action: 'page', input: { id: 'deal_tea' } })
  expect((window as Win).__tuankaDealPage?.key).toBe('deal_tea|')
})

it('a group link (g) asks nothing early: the app asks once with the cloudID the platform issues', () => {
  const f = open('#/pages/deal/index?id=deal_tea&g=g_demo_neighbours')
  expect(f).not.toHaveBeenCalled()
  expect((window as Win).__tuankaDealPage).toBeUndefined()
})

it('a malformed g is no group: the early request goes as for a plain link', () => {
  const f = open('#/pages/deal/index?id=deal_tea&g=a%20b')
  expect(f).toHaveBeenCalledTimes(1)
  expect((window as Win).__tuankaDealPage?.key).toBe('deal_tea|')
})
