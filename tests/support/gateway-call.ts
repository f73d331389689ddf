/** Calls a function through the local gateway as `openid` (a test's setup or cross-check); a refusal throws. */
export async function callGateway<T = any>(apiUrl: string, fn: string, action: string, input: unknown, openid?: string | null): Promise<T> {
  const res = await fetch(`${apiUrl}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-tuanka-openid': openid } : {}) },
    body: JSON.stringify({ action, input }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; code?: string }
  if (!body.ok) throw new Error(`${fn}.${action} as ${openid ?? 'anonymous'} refused: ${JSON.stringify(body)}`)
  return body.data as T
}
