/**
 * An order or withdrawal number as people read it aloud or compare it: the kind letter dropped, upper case, in
 * groups of four ("o3f2a9c0177bd…" → "3F2A 9C01 77BD …"). Only display: copy and look-ups use the raw id.
 * Ids not of that shape (seeded demo ids) are shown as they are.
 */
export function formatRefNo(id: string): string {
  const m = /^[a-z]+?_?([0-9a-f]{12,})$/.exec(id)
  if (!m) return id
  return m[1].toUpperCase().replace(/(.{4})(?=.)/g, '$1 ')
}
