export default definePageConfig({
  navigationBarTitleText: '我的订单',
  enablePullDownRefresh: true,
  backgroundColor: '#F5F5F7',
  onReachBottomDistance: 200,
})
