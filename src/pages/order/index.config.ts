export default definePageConfig({
  navigationBarTitleText: '订单详情',
  enableShareAppMessage: true,
  enablePullDownRefresh: true,
  backgroundColor: '#F5F5F7',
})
