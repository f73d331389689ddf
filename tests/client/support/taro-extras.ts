/**
 * Taro APIs the consumer journey uses beyond the shared mock (tests/support/taro-mock.ts): the payment sheet,
 * modal dialogs and image preview. Added onto the same `@tarojs/taro` mock object, as jest functions the tests
 * drive (e.g. `taroExtras.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })`).
 * Import this file before rendering; call `taroExtras.reset()` in beforeEach.
 */
import { jest } from '@jest/globals'
import Taro from '../../support/taro-mock'

type Ok = { errMsg: string }

export const taroExtras = {
  requestPayment: jest.fn<(o: Record<string, unknown>) => Promise<Ok>>(),
  showModal: jest.fn<(o: { title?: string; content?: string; confirmText?: string }) => Promise<{ confirm: boolean; cancel: boolean }>>(),
  previewImage: jest.fn<(o: { urls: string[]; current?: string }) => Promise<Ok>>(),
  reset() {
    this.requestPayment.mockReset()
    this.requestPayment.mockResolvedValue({ errMsg: 'requestPayment:ok' })
    this.showModal.mockReset()
    this.showModal.mockResolvedValue({ confirm: true, cancel: false })
    this.previewImage.mockReset()
    this.previewImage.mockResolvedValue({ errMsg: 'previewImage:ok' })
  },
}
taroExtras.reset()

Object.assign(Taro as unknown as Record<string, unknown>, {
  requestPayment: (o: Record<string, unknown>) => taroExtras.requestPayment(o),
  showModal: (o: { title?: string; content?: string }) => taroExtras.showModal(o),
  previewImage: (o: { urls: string[]; current?: string }) => taroExtras.previewImage(o),
})
