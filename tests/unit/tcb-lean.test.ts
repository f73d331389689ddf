/**
 * The functions' lean database requester (server/platform/tcb) against @cloudbase/node-sdk itself: for the same
 * environment, the same calls and the same replies, both must put the same bytes on the wire (URL, every header
 * including the signature, body) and hand the same results and errors back. Replies are replayed from the
 * fixtures the real SDK recorded against the local server (local/cloudbase/test/fixtures). Date is frozen (an
 * input) so both sign at the same instant; every outgoing http.request is recorded and sent to a capture server.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'

const root = path.resolve(__dirname, '../..')
const NOW = new Date('2026-11-23T06:00:00.000Z')

interface Exchange {
  request: Record<string, unknown>
  reply: Record<string, unknown>
}
const fixture = (name: string): Exchange[] =>
  (JSON.parse(readFileSync(path.join(root, 'local/cloudbase/test/fixtures', `${name}.json`), 'utf8')) as { exchanges: Exchange[] }).exchanges

type AnyDb = any // eslint-disable-line @typescript-eslint/no-explicit-any

/** The fixture scripts (local/cloudbase/test/fixtures/capture.ts), each call's outcome kept. */
const SCRIPTS: Record<string, (db: AnyDb, out: (p: Promise<unknown>) => Promise<unknown>) => Promise<void>> = {
  async crud(db, out) {
    const _ = db.command
    await out(db.collection('deals').add({ _id: 'd1', title: 'Noodles', price: 18.5, stock: 3, startsAt: new Date('2024-06-01T02:00:00Z'), tags: ['food'] }))
    await out(db.collection('deals').add([{ _id: 'd2', title: 'Tea', price: 9, stock: 0 }, { _id: 'd3', title: 'Cake', price: 30, stock: 7, shop: { city: 'sh' } }]))
    await out(db.collection('deals').where({ stock: _.gt(0), price: _.lte(30) }).orderBy('price', 'desc').skip(0).limit(10).field({ title: true, price: true }).get())
    await out(db.collection('deals').where({ 'shop.city': 'sh' }).count())
    await out(db.collection('deals').doc('d1').update({ stock: _.inc(-1), tags: _.addToSet('noodle'), meta: { seen: 1 } }))
    await out(db.collection('deals').where({ _id: 'd1', stock: _.gte(1) }).update({ stock: _.inc(-1) }))
    await out(db.collection('deals').doc('d2').set({ title: 'Green tea', price: 10 }))
    await out(db.collection('deals').where({ _id: 'd3' }).updateAndReturn({ stock: _.inc(-2) }))
    await out(db.collection('deals').doc('d1').get())
    await out(db.collection('deals').aggregate().match({ price: _.gt(5) }).group({ _id: null, total: db.command.aggregate.sum('$stock') }).end())
    await out(db.collection('deals').where({ price: _.lt(12) }).remove())
  },
  async transaction(db, out) {
    await out(db.collection('counters').add({ _id: 'orders', n: 41 }))
    const tx = await db.startTransaction()
    const cur = (await out(tx.collection('counters').doc('orders').get())) as { data: { n: number } }
    await out(tx.collection('counters').doc('orders').update({ n: cur.data.n + 1 }))
    await out(tx.collection('orders').add({ _id: 'o42', no: 42 }))
    await out(tx.commit())
    await out(db.collection('counters').doc('orders').get())
  },
  async errors(db, out) {
    const _ = db.command
    await out(db.collection('e').add({ _id: 'x', name: 'text' }))
    await out(db.collection('e').add({ _id: 'x' }))
    await out(db.collection('e').doc('x').update({ name: _.inc(1) }))
    await out(db.collection('e').doc('x').get())
  },
}

interface Wire {
  url: string
  method: string
  headers: Record<string, unknown>
  received: Record<string, unknown>
  body: string
}

let server: http.Server
let captureUrl = ''
let replies: { status: number; body: string }[] = []
let wire: Wire[] = []
const realRequest = http.request

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const last = wire[wire.length - 1]!
      last.received = { ...req.headers }
      last.body = Buffer.concat(chunks).toString('utf8')
      const reply = replies.shift() ?? { status: 500, body: '' }
      res.writeHead(reply.status, { 'content-type': 'application/json' })
      res.end(reply.body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  captureUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Every request either client makes is recorded as asked for, then sent to the capture server. Only the database
  // path counts: the http module is shared by the test files of a jest worker, and an earlier file's late call (a
  // page polling /fn/...) must not land in this file's record.
  jest.spyOn(http, 'request').mockImplementation(((url: string, options: http.RequestOptions, cb: (res: http.IncomingMessage) => void) => {
    const u = new URL(url)
    if (u.pathname !== '/admin') return realRequest(url, options, cb)
    wire.push({ url, method: String(options.method), headers: { ...(options.headers as object) }, received: {}, body: '' })
    return realRequest(`${captureUrl}${u.pathname}${u.search}`, options, cb)
  }) as unknown as typeof http.request)
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  })
})

afterAll(async () => {
  jest.useRealTimers()
  jest.restoreAllMocks()
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

const saved = { ...process.env }
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
  Object.assign(process.env, saved)
})

const TCB_KEYS = /^(TCB_|TENCENTCLOUD|SCF_|WX_|CLOUDBASE_|TRIGGER_SRC|CBR_|SUMERU_)/

function setEnv(env: Record<string, string>) {
  for (const k of Object.keys(process.env)) if (TCB_KEYS.test(k)) delete process.env[k]
  Object.assign(process.env, { SILENCE: 'true' }, env)
}

interface Run {
  wire: Wire[]
  outcomes: unknown[]
}

/** Runs a fixture script through a fresh copy of one client (fresh module state: sequence numbers start alike). */
async function run(client: 'sdk' | 'lean', script: string): Promise<Run> {
  let db: AnyDb
  jest.isolateModules(() => {
    if (client === 'sdk') {
      const tcb = require('@cloudbase/node-sdk')
      db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
    } else {
      db = require('../../server/platform/cloudbase').getDb()
    }
  })
  wire = []
  replies = fixture(script).map((x) => ({ status: 200, body: JSON.stringify(x.reply) }))
  const outcomes: unknown[] = []
  const out = async (p: Promise<unknown>) => {
    try {
      const v = await p
      outcomes.push({ ok: v })
      return v
    } catch (e) {
      const err = e as { name?: string; code?: unknown; message?: string; requestId?: string }
      outcomes.push({ error: { name: err.name, code: err.code, message: err.message, requestId: err.requestId, type: (e as object).constructor.name } })
      return undefined
    }
  }
  await SCRIPTS[script]!(db, out)
  return { wire, outcomes }
}

const ENVELOPE = ['envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken', 'sessionToken']
const withoutEnvelope = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => !ENVELOPE.includes(k)))

const ENVS: Record<string, Record<string, string>> = {
  // What local/sdk-env.ts sets (the URL is the capture server).
  local: { TCB_CONTEXT_CNFG: '', TENCENTCLOUD: 'true', TENCENTCLOUD_SECRETID: 'local-secret-id', TENCENTCLOUD_SECRETKEY: 'local-secret-key' },
  // A production SCF invocation: temporary keys with a session token, region, namespace, tracing and source.
  scf: {
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: 'tuanka-prod-7g2k',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'AKIDtmpSecretId0001',
    TENCENTCLOUD_SECRETKEY: 'tmpSecretKey0001',
    TENCENTCLOUD_SESSIONTOKEN: 'session-token-0001',
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE,TCB_TRACELOG,TCB_SESSIONTOKEN',
    TCB_SEQID: 'scf-seq-1',
    TCB_SOURCE: 'wx_client',
    TCB_TRACELOG: 'trace-abc',
    TCB_SESSIONTOKEN: 'tcb-session',
    WX_CONTEXT_KEYS: 'WX_API_TOKEN',
    WX_API_TOKEN: 'wx-api-token',
  },
  // A timer trigger in SCF: the trigger's token, an explicit TCB_ENV.
  timer: {
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: 'tuanka-prod-7g2k',
    TENCENTCLOUD_REGION: 'ap-guangzhou',
    TENCENTCLOUD_SECRETID: 'AKIDtmpSecretId0002',
    TENCENTCLOUD_SECRETKEY: 'tmpSecretKey0002',
    TCB_CONTEXT_KEYS: 'TCB_ENV',
    TCB_ENV: 'tuanka-other-9x',
    TRIGGER_SRC: 'timer',
    WX_CONTEXT_KEYS: 'WX_TRIGGER_API_TOKEN_V0',
    WX_TRIGGER_API_TOKEN_V0: 'timer-token',
  },
  // An API key instead of signing keys (Bearer authorization), outside SCF.
  apikey: { TENCENTCLOUD: 'true', CLOUDBASE_APIKEY: 'api-key-1', TCB_ENV: 'tuanka-prod-7g2k', TCB_CONTEXT_KEYS: 'TCB_ENV' },
}

describe('lean database requester speaks exactly as @cloudbase/node-sdk', () => {
  for (const [envName, env] of Object.entries(ENVS)) {
    for (const script of Object.keys(SCRIPTS)) {
      it(`${envName} environment, ${script} calls: same URL, headers, signature, body, results`, async () => {
        setEnv({ ...env, ...(envName === 'local' ? { TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${captureUrl}/admin` }) } : {}) })
        const sdk = await run('sdk', script)
        const lean = await run('lean', script)
        const exchanges = fixture(script)
        expect(sdk.wire).toHaveLength(exchanges.length)
        expect(lean.wire).toEqual(sdk.wire)
        expect(lean.outcomes).toEqual(sdk.outcomes)
        // The calls are the recorded ones, and the signature really is there (not both empty alike).
        expect(lean.wire.map((w) => withoutEnvelope(JSON.parse(w.body)))).toEqual(exchanges.map((x) => withoutEnvelope(x.request)))
        const auth = String(lean.wire[0]!.headers.Authorization)
        if (envName === 'apikey') expect(auth).toBe('Bearer api-key-1')
        else expect(auth).toMatch(/^TC3-HMAC-SHA256 Credential=\S+\/2026-11-23\/tcb\/tc3_request, SignedParams=\S+, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/)
        expect(lean.outcomes.some((o) => 'error' in (o as object))).toBe(script === 'errors')
      })
    }
  }

  it('production SCF: internal regional endpoint of the current env, temporary keys and tokens in the body', async () => {
    setEnv(ENVS.scf!)
    const { wire: w } = await run('lean', 'errors')
    expect(w[0]!.url).toMatch(/^http:\/\/tuanka-prod-7g2k\.internal\.ap-shanghai\.tcb-api\.tencentcloudapi\.com\/admin\?env=tuanka-prod-7g2k&seqId=scf-seq-1-/)
    expect(w[0]!.headers).toMatchObject({ 'X-TCB-Source': 'wx_client,scf', 'X-TCB-Region': 'ap-shanghai', 'X-TCB-Tracelog': 'trace-abc', Host: 'tuanka-prod-7g2k.internal.ap-shanghai.tcb-api.tencentcloudapi.com' })
    expect(JSON.parse(w[0]!.body)).toMatchObject({ envName: 'tuanka-prod-7g2k', sessionToken: 'session-token-0001', tcb_sessionToken: 'tcb-session', wxCloudApiToken: 'wx-api-token' })
  })

  it('HTTP failures and undecodable replies fail alike', async () => {
    setEnv({ ...ENVS.local!, TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${captureUrl}/admin` }) })
    const outcome = async (client: 'sdk' | 'lean', reply: { status: number; body: string }) => {
      let db: AnyDb
      jest.isolateModules(() => {
        if (client === 'sdk') {
          const tcb = require('@cloudbase/node-sdk')
          db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
        } else db = require('../../server/platform/cloudbase').getDb()
      })
      replies = [reply]
      return db.collection('x').doc('a').get().then(
        (v: unknown) => ({ ok: v }),
        (e: { code?: unknown; message?: string; constructor: { name: string } }) => ({ code: e.code, message: e.message, type: e.constructor.name }),
      )
    }
    for (const reply of [{ status: 502, body: '' }, { status: 200, body: 'not json' }, { status: 200, body: '' }]) {
      const [a, b] = [await outcome('sdk', reply), await outcome('lean', reply)]
      expect(b).toEqual(a)
      expect(a).not.toHaveProperty('ok')
    }
  })

  it('missing keys are refused before anything is sent', async () => {
    setEnv({ TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${captureUrl}/admin` }), TENCENTCLOUD: 'true' })
    wire = []
    const { getDb } = require('../../server/platform/cloudbase')
    await expect(getDb().collection('x').doc('a').get()).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    expect(wire).toHaveLength(0)
  })

  it('sends the version of the installed node-sdk', () => {
    const { SDK_VERSION } = require('../../server/platform/tcb/requester')
    expect(SDK_VERSION).toBe(require('@cloudbase/node-sdk/package.json').version)
  })
})

describe('identity from the platform context, as tcb.getCloudbaseContext reads it', () => {
  const contexts: Record<string, unknown> = {
    environment: { environment: JSON.stringify({ WX_OPENID: 'o-buyer', WX_APPID: 'wx123', TCB_ENV: 'e1' }), request_id: 'r' },
    environ: { environ: 'WX_OPENID=o-old;WX_APPID=wxabc;LIST=a,b;NOEQUALS;EMPTY=' },
    keyed: { environment: JSON.stringify({ WX_OPENID: 'o-ctx', TCB_CONTEXT_KEYS: 'TCB_X,TCB_Y' }) },
    arrayKeys: { environ: 'WX_CONTEXT_KEYS=A,B;WX_OPENID=o-arr' },
    empty: {},
    badJson: { environment: '{not json' },
    notObject: 'context',
  }
  it.each(Object.keys(contexts))('%s context', (name) => {
    setEnv({ TCB_X: 'from-process', WX_CONTEXT_KEYS: 'WX_OPENID,WX_CLIENTIP', WX_OPENID: 'o-process-env', SCF_NAMESPACE: 'ns' })
    const tcb = require('@cloudbase/node-sdk')
    const { getCloudbaseContext } = require('../../server/platform/tcb/context')
    const read = (f: (c: unknown) => unknown) => {
      try {
        return { ok: f(contexts[name]) }
      } catch (e) {
        return { code: (e as { code?: unknown }).code, message: (e as Error).message }
      }
    }
    expect(read(getCloudbaseContext)).toEqual(read(tcb.getCloudbaseContext))
  })

  it('the caller is the context openid, whatever the process environment says', () => {
    setEnv({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'o-process-env' })
    const { callerFromContext } = require('../../server/platform/identity')
    expect(callerFromContext(contexts.environment)).toEqual({ openid: 'o-buyer', appid: 'wx123' })
    expect(callerFromContext(undefined)).toEqual({ openid: null, appid: null })
  })
})

describe('function bundles', () => {
  it('the database path bundles @cloudbase/database and none of @cloudbase/node-sdk', async () => {
    const result = await build({
      stdin: { contents: `export * from './server/platform/cloudbase'; export * from './server/platform/identity'`, resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      tsconfig: path.join(root, 'tsconfig.json'),
    })
    const inputs = Object.keys(result.metafile!.inputs)
    expect(inputs.some((i) => i.includes('node_modules/@cloudbase/database/'))).toBe(true)
    expect(inputs.filter((i) => i.includes('node_modules/@cloudbase/node-sdk/') || i.includes('node_modules/axios/'))).toEqual([])
  })
})
