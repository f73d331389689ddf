/** One assertion of the reliability run: what was checked, how hard it was tried, whether it held. */
export interface Row {
  family: string
  check: string
  tried: string
  held: boolean
  /** Why it did not hold (printed under the table). */
  detail?: string
}

export class Report {
  readonly rows: Row[] = []
  readonly timings: { family: string; ms: number }[] = []
  private family = ''

  begin(family: string): void {
    this.family = family
  }

  row(check: string, tried: string | number, held: boolean, detail?: string): boolean {
    this.rows.push({ family: this.family, check, tried: String(tried), held, detail: held ? undefined : detail })
    return held
  }

  /** A family that threw: its remaining checks cannot be trusted, so the run fails. */
  crashed(family: string, e: unknown): void {
    const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)
    this.rows.push({ family, check: `${family}: family ran to the end`, tried: '1', held: false, detail: msg })
  }

  print(): void {
    const esc = (s: string) => s.replace(/\|/g, '\\|')
    const lines = ['| check | tried | held |', '|---|---|---|']
    for (const r of this.rows) lines.push(`| ${esc(r.check)} | ${esc(r.tried)} | ${r.held ? 'yes' : 'NO'} |`)
    console.log(lines.join('\n'))
    console.log(`\ntimings: ${this.timings.map((t) => `${t.family} ${(t.ms / 1000).toFixed(1)} s`).join(', ')}`)
    const failed = this.rows.filter((r) => !r.held)
    if (failed.length) {
      console.log('\nwhat did not hold:')
      for (const r of failed) console.log(`- ${r.check}\n    ${(r.detail ?? '').split('\n').slice(0, 25).join('\n    ')}`)
    }
  }

  get passed(): number {
    return this.rows.filter((r) => r.held).length
  }

  get failed(): number {
    return this.rows.filter((r) => !r.held).length
  }
}

/** Up to `n` examples of what went wrong, for a row's detail. */
export function sample(items: unknown[], n = 5): string {
  const shown = items.slice(0, n).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
  return `${items.length} case(s): ${shown.join('; ')}${items.length > n ? ' …' : ''}`
}
