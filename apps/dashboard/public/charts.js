// ECharts (bundled, global `echarts`) for every chart of the page; a chart without data is
// replaced by 暂无数据 instead.
import { formatPercent } from './format.js';
import { codeName, codeOrder } from './page.js';

export const COLORS = ['#35d0ff', '#3ad29f', '#ffb547', '#8f7cff', '#ff7aa8', '#5b8cff', '#c6e36b', '#ff8f5b'];
export const TEXT = '#cfe3ff';
export const MUTED = '#7f9cc6';
const GRID_LINE = 'rgba(127,156,198,0.18)';
export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const instances = new Map();

export function showEmpty(id, text = '暂无数据') {
  const element = document.getElementById(id);
  if (!element) return;
  instances.get(id)?.dispose();
  instances.delete(id);
  element.classList.add('is-empty');
  element.innerHTML = `<div class="empty">${text}</div>`;
}

export function showChart(id, option) {
  const element = document.getElementById(id);
  if (!element) return undefined;
  let chart = instances.get(id);
  if (!chart) {
    element.classList.remove('is-empty');
    element.innerHTML = '';
    chart = echarts.init(element, null, { renderer: 'canvas' });
    instances.set(id, chart);
  }
  chart.setOption({ color: COLORS, textStyle: { fontFamily: FONT, color: TEXT }, animationDuration: 400, ...option }, true);
  return chart;
}

window.addEventListener('resize', () => {
  for (const chart of instances.values()) chart.resize();
});

export const axisStyle = {
  axisLine: { lineStyle: { color: GRID_LINE } },
  axisLabel: { color: MUTED },
  splitLine: { lineStyle: { color: GRID_LINE } },
};
export const tooltip = { trigger: 'axis', backgroundColor: 'rgba(8,20,42,0.92)', borderColor: '#1d3b6e', textStyle: { color: TEXT } };
export const legend = { top: 0, textStyle: { color: MUTED }, itemWidth: 10, itemHeight: 10 };

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Stacked bars: one bar per tier, stacked by kind. */
export function tiersOption(stations) {
  const order = codeOrder('tiers');
  const tiers = [...new Set(stations.map((s) => s.tier))].sort((a, b) => rank(order, a) - rank(order, b));
  const kinds = [...new Set(stations.map((s) => s.kind))];
  return {
    tooltip,
    legend,
    grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: tiers.map((t) => codeName('tiers', t)), ...axisStyle, axisLabel: { color: MUTED, interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle },
    series: kinds.map((kind) => ({
      name: codeName('kinds', kind),
      type: 'bar',
      stack: 'kind',
      barMaxWidth: 28,
      label: { show: kinds.length === 1, position: 'top', color: TEXT },
      data: tiers.map((tier) => stations.filter((s) => s.tier === tier && s.kind === kind).length),
    })),
  };
}

function rank(order, value) {
  const index = order.indexOf(value);
  return index < 0 ? order.length : index;
}

export function starsOption(stations) {
  const counts = countBy(stations, (s) => (s.stars ? `${s.stars}星` : '未评定'));
  const categories = ['5星', '4星', '3星', '2星', '1星', '未评定'].filter((c) => counts.has(c));
  return {
    tooltip: { ...tooltip, trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: ['32%', '54%'],
        center: ['50%', '52%'],
        itemStyle: { borderColor: '#0f2347', borderWidth: 2 },
        label: { color: TEXT, formatter: '{b}\n{c}', fontSize: 11, lineHeight: 14 },
        labelLine: { length: 8, length2: 6 },
        data: categories.map((name) => ({ name, value: counts.get(name) })),
      },
    ],
    color: ['#ffd257', '#ffb547', '#35d0ff', '#5b8cff', '#8f7cff', '#4a5d80'],
  };
}

export function complianceOption(compliance) {
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        radius: '92%',
        center: ['50%', '58%'],
        startAngle: 200,
        endAngle: -20,
        progress: { show: true, width: 12, itemStyle: { color: '#3ad29f' } },
        axisLine: { lineStyle: { width: 12, color: [[1, 'rgba(127,156,198,0.2)']] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        title: { offsetCenter: [0, '38%'], color: MUTED, fontSize: 12 },
        detail: { offsetCenter: [0, '0%'], color: TEXT, fontSize: 22, formatter: () => formatPercent(compliance.rate) },
        data: [{ value: Math.round(compliance.rate * 1000) / 10, name: compliance.total !== null ? `达标 ${compliance.compliant ?? '—'} / ${compliance.total}` : '达标率' }],
      },
    ],
  };
}

export function missingFacilitiesOption(missing) {
  const rows = missing.slice(0, 6).reverse();
  return {
    tooltip,
    grid: { left: 8, right: 24, top: 6, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle },
    yAxis: { type: 'category', data: rows.map((r) => `缺${codeName('facilities', r.facility)}`), ...axisStyle },
    series: [{ type: 'bar', barMaxWidth: 12, itemStyle: { color: '#ff8f5b', borderRadius: [0, 6, 6, 0] }, label: { show: true, position: 'right', color: TEXT }, data: rows.map((r) => r.stations) }],
  };
}

export function visitsByDayOption(rows) {
  return {
    tooltip,
    grid: { left: 8, right: 16, top: 16, bottom: 4, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: rows.map((r) => r.key.slice(5)), ...axisStyle },
    yAxis: { type: 'value', ...axisStyle },
    series: [
      {
        name: '到访人次',
        type: 'line',
        smooth: true,
        symbolSize: 4,
        lineStyle: { width: 2, color: '#35d0ff' },
        areaStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [{ offset: 0, color: 'rgba(53,208,255,0.45)' }, { offset: 1, color: 'rgba(53,208,255,0.02)' }]) },
        data: rows.map((r) => r.visits),
      },
    ],
  };
}

export function visitsByHourOption(hours) {
  return {
    tooltip,
    grid: { left: 8, right: 8, top: 16, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: hours.map((_, hour) => `${hour}时`), ...axisStyle, axisLabel: { color: MUTED, interval: 3 } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle },
    series: [{ name: '到访人次', type: 'bar', barMaxWidth: 10, itemStyle: { color: '#3ad29f', borderRadius: [4, 4, 0, 0] }, data: hours }],
  };
}

export function occupationOption(rows) {
  return {
    tooltip: { ...tooltip, trigger: 'item' },
    legend: { ...legend, top: 'bottom' },
    series: [
      {
        type: 'pie',
        radius: ['24%', '56%'],
        center: ['50%', '42%'],
        roseType: 'radius',
        itemStyle: { borderColor: '#0f2347', borderWidth: 2 },
        label: { color: TEXT, formatter: '{d}%' },
        data: rows.map((r) => ({ name: codeName('occupations', r.key), value: r.visits })),
      },
    ],
  };
}

/** Today's events per context (a district has no child nodes to break down by). */
export function contextsOption(contexts) {
  const rows = contexts.slice(0, 8).reverse();
  return {
    tooltip,
    grid: { left: 8, right: 28, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle },
    yAxis: { type: 'category', data: rows.map((c) => c.label), ...axisStyle },
    series: [{ name: '事件', type: 'bar', barMaxWidth: 14, itemStyle: { color: '#8f7cff' }, label: { show: true, position: 'right', color: TEXT }, data: rows.map((c) => c.events) }],
  };
}

/** Today's visits and events per child node (from the live feed). */
export function childrenOption(children) {
  const rows = children.slice(0, 10).reverse();
  return {
    tooltip,
    legend,
    grid: { left: 8, right: 28, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle },
    yAxis: { type: 'category', data: rows.map((c) => c.name), ...axisStyle },
    series: [
      { name: '到访', type: 'bar', barMaxWidth: 12, itemStyle: { color: '#35d0ff' }, label: { show: true, position: 'right', color: TEXT }, data: rows.map((c) => c.visits) },
      { name: '事件', type: 'bar', barMaxWidth: 12, itemStyle: { color: '#8f7cff' }, data: rows.map((c) => c.events) },
    ],
  };
}
