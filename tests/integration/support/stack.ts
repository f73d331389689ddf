import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalStack, type LocalStack } from '../../../local/stack'

export interface TestStack {
  stack: LocalStack
  /** POST /fn/<fn> as `openid` (null = anonymous); returns HTTP status and the parsed envelope. */
  call(fn: string, body: unknown, openid?: string | null): Promise<{ status: number; body: any }>
  raw(fn: string, init: { body: string; headers?: Record<string, string> }): Promise<{ status: number; body: any }>
  stop(): Promise<void>
}

/** A fresh stack per test file: its own data dir, random ports, demo data seeded. */
export async function startTestStack(opts: { seed?: boolean; seedHistory?: boolean; h5Dir?: string } = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-it-'))
  // Tests start from the base demo data only, so their expectations do not depend on the demo history.
  const stack = await startLocalStack({ dataDir, seed: opts.seed ?? true, seedHistory: opts.seedHistory ?? false, quiet: true, h5Dir: opts.h5Dir })
  const raw = async (fn: string, init: { body: string; headers?: Record<string, string> }) => {
    const res = await fetch(`${stack.apiUrl}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body,
    })
    const text = await res.text()
    return { status: res.status, body: JSON.parse(text) }
  }
  return {
    stack,
    raw,
    call: (fn, body, openid = null) =>
      raw(fn, { body: JSON.stringify(body), headers: openid ? { 'x-tuanka-openid': openid } : {} }),
    async stop() {
      await stack.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
