export default definePageConfig({
  navigationBarTitleText: '团卡',
  enablePullDownRefresh: true,
  backgroundColor: '#F5F5F7',
  onReachBottomDistance: 200,
})
