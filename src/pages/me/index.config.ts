export default definePageConfig({
  navigationBarTitleText: '我的',
  backgroundColor: '#F5F5F7',
  enablePullDownRefresh: true,
})
