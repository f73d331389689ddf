export default definePageConfig({
  navigationBarTitleText: '我的订单',
  backgroundColor: '#F5F5F7',
  enablePullDownRefresh: true,
})
