/**
 * An image reference as the client can load it: absolute URLs and `cloud://` file ids as they are (the
 * mini-program Image accepts cloud file ids), local `/files/...` paths on the local gateway. On the local gateway a
 * `cloud://<bucket>/<path>` id (cloud storage as the platform emulator keeps it, local/platform/storage.ts) is
 * served at `/files/cloud/<path>`: there is no wx.cloud to resolve it.
 */
export function mediaUrl(ref: string | null | undefined): string {
  if (!ref) return ''
  if (ref.startsWith('/files/')) return `${TUANKA_API_BASE}${ref}`
  if (TUANKA_BACKEND === 'gateway' && ref.startsWith('cloud://')) return `${TUANKA_API_BASE}/files/cloud/${ref.replace(/^cloud:\/\/[^/]+\//, '')}`
  return ref
}
