import type { EChartsCoreOption } from "echarts";

export interface ParetoLabels {
  title: string;
  xAxis: string;
  yAxis: string;
  tier: (tier: string) => string;
}

/**
 * The ABC Pareto curve: cumulative share of sales (y) against the share of customers ranked by
 * sales (x), with the A and B thresholds drawn across, so the 80/20 shape can be seen at once.
 */
export function paretoChart(
  curve: { customers: number; share: number }[],
  thresholds: { a: number; b: number },
  labels: ParetoLabels,
): EChartsCoreOption {
  return {
    title: { text: labels.title, left: "center", top: 12 },
    grid: { left: 70, right: 40, top: 70, bottom: 60 },
    xAxis: {
      type: "value",
      min: 0,
      max: 100,
      name: labels.xAxis,
      nameLocation: "middle",
      nameGap: 32,
      axisLabel: { formatter: "{value}%" },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 100,
      name: labels.yAxis,
      nameLocation: "middle",
      nameGap: 48,
      axisLabel: { formatter: "{value}%" },
    },
    series: [
      {
        type: "line",
        showSymbol: false,
        smooth: false,
        data: curve.map((p) => [p.customers, p.share]),
        areaStyle: { opacity: 0.12 },
        lineStyle: { width: 3 },
        markLine: {
          symbol: "none",
          label: { formatter: "{b}", position: "insideStartTop" },
          lineStyle: { type: "dashed" },
          data: [
            { yAxis: thresholds.a, name: `${labels.tier("A")} ≤ ${thresholds.a}%` },
            { yAxis: thresholds.a + thresholds.b, name: `${labels.tier("B")} ≤ ${thresholds.a + thresholds.b}%` },
          ],
        },
      },
    ],
  };
}
