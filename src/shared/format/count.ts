/** Counts as Chinese shops show them: 86, 9999, "1.2万", "12万". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '0'
  if (n < 10_000) return String(Math.floor(n))
  const wan = Math.floor(n / 1000) / 10
  return `${wan >= 100 ? Math.floor(wan) : wan}万`
}
