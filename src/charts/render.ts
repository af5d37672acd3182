import { createRequire } from "node:module";
import type * as echarts from "echarts";

/** Noto Sans SC from npm, so that Chinese renders on any machine, with no system fonts needed. */
const FONT_FILE = createRequire(import.meta.url).resolve(
  "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
);
export const CHART_FONT = "Noto Sans SC";

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 540;

/**
 * Renders an ECharts option to PNG in-process: ECharts draws SVG on the server (no DOM), resvg
 * rasterises it with the bundled font. Animation is off, since only the final frame is kept.
 * Both are loaded on the first chart: ECharts alone would add some 80 MB to every bot process,
 * most of which never draws one.
 */
export async function renderChart(
  option: echarts.EChartsCoreOption,
  size = { width: CHART_WIDTH, height: CHART_HEIGHT },
): Promise<Uint8Array> {
  const echarts = await import("echarts");
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, backgroundColor: "#ffffff", ...option });
    return await rasterize(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** An SVG drawn with the bundled font, as PNG. */
export async function rasterize(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import("@resvg/resvg-js");
  return new Resvg(svg, { font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT } })
    .render()
    .asPng();
}
