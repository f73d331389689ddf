export default definePageConfig({
  navigationBarTitleText: '写评价',
  backgroundColor: '#F5F5F7',
})
