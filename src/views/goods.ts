import type { Formatter } from "../i18n/format.js";

/** What an order was for: 矿泉水 550ml × 100. Empty when nothing was recorded. */
export function goodsText(
  fmt: Formatter,
  order: { product: string | null; spec: string | null; quantity: number | null },
): string {
  return [order.product, order.spec, order.quantity !== null && `× ${fmt.formatNumber(order.quantity)}`]
    .filter(Boolean)
    .join(" ");
}
