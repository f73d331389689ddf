import { act } from 'react'
import Taro from '@tarojs/taro'
import { jest } from '@jest/globals'
import type { CodePreview, Me } from '@core/contracts/views'
import { me } from './support/fake-backend'
import { waitFor, type Rendered } from './support/render'

/** Personas of the staff tests (openids as the fake backend sees them in x-tuanka-openid). */
export const STAFF_ME: Record<string, Me> = {
  o_consumer: me({ openid: 'o_consumer' }),
  o_owner: me({ openid: 'o_owner', memberships: [{ shopId: 'shop_a', shopName: '拾光咖啡（万象城店）', role: 'owner' }] }),
  o_staff: me({ openid: 'o_staff', memberships: [{ shopId: 'shop_a', shopName: '拾光咖啡（万象城店）', role: 'staff' }] }),
}

export const DAY = 24 * 3600 * 1000

export function preview(over: Partial<CodePreview> = {}): CodePreview {
  const now = Date.now()
  return {
    code: 'ABCDEFGHJKMN',
    state: 'unused',
    dealTitle: '双人下午茶套餐',
    unitPriceFen: 6800,
    buyerMasked: '138****8000',
    validStart: now - 5 * DAY,
    validEnd: now + 40 * DAY,
    orderCodes: [
      { code: 'ABCDEFGHJKMN', state: 'unused' },
      { code: 'PQRSTUVWXYZ2', state: 'unused' },
      { code: '3456789ABCDE', state: 'redeemed' },
    ],
    unitsLeftOnOrder: 2,
    redeemedAt: null,
    redeemedByMe: false,
    ...over,
  }
}

/** The Taro APIs the staff pages use beyond the shared mock, as jest mocks on the same Taro object. */
export function installTaroExtras() {
  const extras = {
    showModal: jest.fn(async (_o: { title?: string; content?: string }) => ({ confirm: true, cancel: false })),
    scanCode: jest.fn(async () => ({ result: '' })),
    setClipboardData: jest.fn(async (_o: { data: string }) => ({})),
    redirectTo: jest.fn(async (_o: { url: string }) => ({})),
    navigateBack: jest.fn(async () => ({})),
    pageScrollTo: jest.fn(async (_o: { selector?: string; scrollTop?: number; offsetTop?: number }) => ({})),
  }
  Object.assign(Taro as unknown as Record<string, unknown>, extras)
  return extras
}

export function inputs(r: Rendered): HTMLInputElement[] {
  return Array.from(r.container.querySelectorAll('input'))
}

/** The inner <input> elements once Taro's input web components have rendered them (asynchronously). */
export async function waitForInputs(r: Rendered, count = 1): Promise<HTMLInputElement[]> {
  await waitFor(() => {
    if (inputs(r).length < count) throw new Error(`expected ${count} inputs, found ${inputs(r).length}`)
  })
  return inputs(r)
}

/** Types into the inner <input> of a Taro Input, the way a keyboard (or a USB code scanner) does. */
export async function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(async () => {
    input.value = value
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

export async function pressEnter(input: HTMLInputElement) {
  await act(async () => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }))
  })
}
