import './local-consent.css'

/**
 * Local development only (h5): a stand-in for WeChat's subscribe-message dialog — "团卡 想给你发送：…",
 * 允许 / 取消 — marked 本地模拟 like the simulated payment sheet. Plain DOM on document.body, so any page can ask
 * without rendering a host component. Resolves true for 允许, false for 取消 (or a tap outside the sheet).
 */
export function askLocalConsent(titles: string[]): Promise<boolean> {
  if (typeof document === 'undefined' || titles.length === 0) return Promise.resolve(false)
  return new Promise((resolve) => {
    const el = (tag: string, className: string, text?: string) => {
      const e = document.createElement(tag)
      e.className = className
      if (text !== undefined) e.textContent = text
      return e
    }
    const mask = el('div', 'sub-mask')
    const sheet = el('div', 'sub-sheet')
    sheet.setAttribute('role', 'dialog')
    sheet.setAttribute('aria-label', '订阅消息')
    const top = el('div', 'sub-sheet__top')
    top.append(el('span', 'sub-sheet__brand', '团卡 想给你发送：'), el('span', 'sub-sheet__tag', '本地模拟'))
    const list = el('div', 'sub-sheet__list')
    for (const t of titles) list.append(el('div', 'sub-sheet__item', t))
    const note = el('div', 'sub-sheet__note', '模拟微信的订阅消息弹窗：允许后，每种通知可发送一次')
    const actions = el('div', 'sub-sheet__actions')
    const cancel = el('div', 'sub-sheet__btn sub-sheet__cancel', '取消')
    const allow = el('div', 'sub-sheet__btn sub-sheet__allow', '允许')
    cancel.setAttribute('role', 'button')
    allow.setAttribute('role', 'button')
    actions.append(cancel, allow)
    sheet.append(top, list, note, actions)
    mask.append(sheet)

    const done = (ok: boolean) => (e: Event) => {
      e.stopPropagation()
      mask.remove()
      resolve(ok)
    }
    allow.addEventListener('click', done(true))
    cancel.addEventListener('click', done(false))
    mask.addEventListener('click', (e) => {
      if (e.target === mask) done(false)(e)
    })
    document.body.append(mask)
  })
}
