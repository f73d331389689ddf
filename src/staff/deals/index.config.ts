export default definePageConfig({
  navigationBarTitleText: '团购管理',
  backgroundColor: '#F5F5F7',
  enablePullDownRefresh: true,
})
