import type { EChartsCoreOption } from "echarts";

export interface MonthlyLabels {
  title: string;
  sales: string;
  plan: string;
}

/** Monthly sales as bars with the plan as a line over them (months without a plan leave a gap). */
export function monthlyChart(
  months: { month: string; sales: number; plan: number | null }[],
  labels: MonthlyLabels,
): EChartsCoreOption {
  return {
    title: { text: labels.title, left: "center", top: 12 },
    legend: { top: 44, data: [labels.sales, labels.plan] },
    grid: { left: 80, right: 30, top: 90, bottom: 50 },
    xAxis: { type: "category", data: months.map((m) => m.month) },
    yAxis: { type: "value" },
    series: [
      { name: labels.sales, type: "bar", data: months.map((m) => m.sales), barMaxWidth: 40 },
      {
        name: labels.plan,
        type: "line",
        data: months.map((m) => m.plan),
        connectNulls: false,
        lineStyle: { width: 3 },
        symbolSize: 8,
      },
    ],
  };
}
