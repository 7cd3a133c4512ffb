// Charts of the other services' breakdowns ([{ key, label, value }] rows of GET /stats).
import { axisStyle, legend, MUTED, TEXT, tooltip } from './charts.js';

/** Nothing counted yet: the chart says so rather than draw a row of zeros. */
export const isAllZero = (rows) => rows.every((r) => r.value === 0);

const BARS_SHOWN = 10;

/** Horizontal bars, largest on top: statuses, unions, child nodes. */
export function breakdownBarsOption(rows, name) {
  const shown = rows.slice(0, BARS_SHOWN).reverse();
  return {
    tooltip,
    grid: { left: 8, right: 36, top: 6, bottom: 4, containLabel: true },
    // The bars carry their numbers: the value axis would only crowd a narrow chart.
    xAxis: { type: 'value', minInterval: 1, ...axisStyle, axisLabel: { show: false } },
    yAxis: { type: 'category', data: shown.map((r) => r.label), ...axisStyle, axisLabel: { color: MUTED, width: 120, overflow: 'truncate' } },
    series: [{ name, type: 'bar', barMaxWidth: 12, itemStyle: { color: '#35d0ff', borderRadius: [0, 6, 6, 0] }, label: { show: true, position: 'right', color: TEXT }, data: shown.map((r) => r.value) }],
  };
}

/** A doughnut with the figures in its legend (labels around a small pie collide with it). */
export function breakdownPieOption(rows) {
  const shown = rows.filter((r) => r.value > 0);
  const total = shown.reduce((sum, r) => sum + r.value, 0);
  const values = new Map(shown.map((r) => [r.label, r.value]));
  return {
    tooltip: { ...tooltip, trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: {
      ...legend,
      type: 'scroll',
      orient: 'vertical',
      top: 'middle',
      // The legend starts right of the doughnut (a right-aligned one ran into it in narrow panels).
      left: '50%',
      itemGap: 6,
      textStyle: { ...legend.textStyle, width: 100, overflow: 'truncate' },
      formatter: (name) => `${name}  ${total ? Math.round((values.get(name) / total) * 100) : 0}%`,
    },
    series: [
      {
        type: 'pie',
        radius: ['32%', '56%'],
        center: ['24%', '50%'],
        itemStyle: { borderColor: '#0f2347', borderWidth: 2 },
        label: { show: false },
        data: shown.map((r) => ({ name: r.label, value: r.value })),
      },
    ],
  };
}

/** Vertical bars over months (YYYY-MM keys shown as M月). */
export function monthBarsOption(rows, name) {
  const monthLabel = (row) => (/^\d{4}-\d{2}$/.test(row.key) ? `${Number(row.key.slice(5))}月` : row.label);
  return {
    tooltip,
    grid: { left: 8, right: 8, top: 16, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map(monthLabel), ...axisStyle, axisLabel: { color: MUTED, interval: rows.length > 6 ? 1 : 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle },
    series: [{ name, type: 'bar', barMaxWidth: 16, itemStyle: { color: '#8f7cff', borderRadius: [4, 4, 0, 0] }, data: rows.map((r) => r.value) }],
  };
}
