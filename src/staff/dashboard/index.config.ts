export default definePageConfig({
  navigationBarTitleText: '经营数据',
  backgroundColor: '#F5F5F7',
  enablePullDownRefresh: true,
})
