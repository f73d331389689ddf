/**
 * An image reference as the client can load it: absolute URLs and `cloud://` file ids as they are (the
 * mini-program Image accepts cloud file ids), local `/files/...` paths on the local gateway.
 */
export function mediaUrl(ref: string | null | undefined): string {
  if (!ref) return ''
  if (ref.startsWith('/files/')) return `${TUANKA_API_BASE}${ref}`
  return ref
}
