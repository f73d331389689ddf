/** The order page of an order (notifications carry the same path). */
export const orderPath = (id: string) => `/pages/order/index?id=${encodeURIComponent(id)}`
