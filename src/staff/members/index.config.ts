export default definePageConfig({
  navigationBarTitleText: '店员管理',
  backgroundColor: '#F5F5F7',
  // 发给店员: the invite travels as a mini-program card.
  enableShareAppMessage: true,
})
