export default definePageConfig({
  navigationBarTitleText: '加入店铺',
  backgroundColor: '#F5F5F7',
})
