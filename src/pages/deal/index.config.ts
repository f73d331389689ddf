export default definePageConfig({
  navigationBarTitleText: '团购详情',
  enableShareAppMessage: true,
  backgroundColor: '#F5F5F7',
})
