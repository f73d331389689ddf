export default definePageConfig({
  navigationBarTitleText: '核销券码',
  backgroundColor: '#F5F5F7',
})
