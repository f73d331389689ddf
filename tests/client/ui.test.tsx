import { Price, Badge, PageState } from '@/shared/ui'
import { cleanup, click, getByText, render } from './support/render'

afterEach(cleanup)

describe('Price', () => {
  it('shows fen as yuan with the original struck through', async () => {
    const r = await render(<Price fen={6800} originalFen={12800} />)
    expect(r.text()).toBe('¥68¥128')
    expect(getByText(r, '68').className).toContain('tk-price__value')
    expect(r.container.querySelector('.tk-price__original')?.textContent).toBe('¥128')
  })

  it('keeps cents without trailing zeros and hides an original that is not higher', async () => {
    const r = await render(<Price fen={1990} originalFen={1990} />)
    expect(r.text()).toBe('¥19.9')
    expect(r.container.querySelector('.tk-price__original')).toBeNull()
    const r2 = await render(<Price fen={5} />)
    expect(r2.text()).toBe('¥0.05')
  })

  it('refuses a price that is not whole fen (money is never a float)', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    await expect(render(<Price fen={19.9} />)).rejects.toThrow(/fen/)
    spy.mockRestore()
  })
})

describe('Badge', () => {
  it('renders its label with the tone class', async () => {
    const r = await render(<Badge tone='trust'>随时退</Badge>)
    expect(r.text()).toBe('随时退')
    expect(r.container.querySelector('.tk-badge--trust')).not.toBeNull()
  })
})

describe('PageState', () => {
  it('error: shows the message and a retry that calls back', async () => {
    const retry = jest.fn()
    const r = await render(<PageState kind='error' message='网络不太好，请检查网络后重试' onRetry={retry} />)
    expect(r.text()).toContain('网络不太好，请检查网络后重试')
    await click(getByText(r, '重新加载'))
    expect(retry).toHaveBeenCalledTimes(1)
  })

  it('empty: title, description and action', async () => {
    const go = jest.fn()
    const r = await render(<PageState kind='empty' title='还没有订单' description='去看看' actionLabel='去逛逛' onAction={go} />)
    expect(r.text()).toContain('还没有订单')
    await click(getByText(r, '去逛逛'))
    expect(go).toHaveBeenCalled()
  })

  it('loading: a skeleton with an accessible label', async () => {
    const r = await render(<PageState kind='loading' />)
    expect(r.text()).toContain('正在加载')
    expect(r.container.querySelectorAll('.tk-skeleton__card').length).toBe(3)
  })
})
