import { act, type ReactElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'

// React 18: let act() flush effects and updates.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

export interface Rendered {
  container: HTMLElement
  text(): string
  unmount(): void
}

const mounted: Rendered[] = []

/** Renders into a fresh container in the jsdom document (real @tarojs/components web components). */
export async function render(ui: ReactElement): Promise<Rendered> {
  const container = document.createElement('div')
  document.body.appendChild(container)
  let root: Root | undefined
  await act(async () => {
    root = createRoot(container)
    root.render(ui)
  })
  const r: Rendered = {
    container,
    text: () => normalise(container.textContent ?? ''),
    unmount: () => {
      act(() => root?.unmount())
      container.remove()
    },
  }
  mounted.push(r)
  return r
}

export function cleanup() {
  while (mounted.length) mounted.pop()!.unmount()
}

export const normalise = (s: string) => s.replace(/\s+/g, ' ').trim()

/** Polls (flushing React between polls) until `check` passes; rethrows its last failure after `timeoutMs`. */
export async function waitFor(check: () => void, timeoutMs = 3000): Promise<void> {
  const start = Date.now()
  for (;;) {
    try {
      check()
      return
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e
    }
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10))
    })
  }
}

export async function waitForText(r: Rendered, text: string, timeoutMs?: number): Promise<void> {
  await waitFor(() => {
    if (!r.text().includes(text)) throw new Error(`"${text}" not found in: ${r.text().slice(0, 600)}`)
  }, timeoutMs)
}

/** The innermost element whose own text contains `text` (what a user would tap). */
export function getByText(r: Rendered, text: string): HTMLElement {
  const all = Array.from(r.container.querySelectorAll<HTMLElement>('*')).filter((el) => normalise(el.textContent ?? '').includes(text))
  const innermost = all.filter((el) => !all.some((other) => other !== el && el.contains(other)))
  if (innermost.length === 0) throw new Error(`no element with text "${text}" in: ${r.text().slice(0, 600)}`)
  return innermost[0]
}

export async function click(el: Element): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
}

/** Runs `fn` inside act (e.g. firing a Taro page event that updates state) and lets promises settle. */
export async function actAsync(fn: () => unknown): Promise<void> {
  await act(async () => {
    await fn()
  })
}
