/** How a buyer appears to others (buyer list, promoters): the first character of their nickname. */
export function maskName(nickname: string | null): string {
  if (!nickname) return '微信用户'
  return `${Array.from(nickname)[0]}**`
}
