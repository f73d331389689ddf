export default definePageConfig({
  navigationBarTitleText: '推手',
  backgroundColor: '#F5F5F7',
  enablePullDownRefresh: true,
})
