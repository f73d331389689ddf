export default definePageConfig({
  navigationBarTitleText: '推广中心',
  backgroundColor: '#F5F5F7',
  enablePullDownRefresh: true,
})
