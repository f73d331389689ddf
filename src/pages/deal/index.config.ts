export default definePageConfig({
  navigationBarTitleText: '团购详情',
  enableShareAppMessage: true,
  enablePullDownRefresh: true,
  backgroundColor: '#F5F5F7',
})
