// The subtree's map: the bundled Zhejiang city boundaries (no tiles, works offline), station
// points coloured by status and stars, the worker-density heat and the coverage gaps.
import { showChart, showEmpty } from './charts.js';
import { escapeHtml, formatNumber } from './format.js';

const STATION_SERIES = [
  { name: '四星及以上', color: '#ffd257', match: (s) => s.status === 'active' && (s.stars ?? 0) >= 4 },
  { name: '正常开放', color: '#35d0ff', match: (s) => s.status === 'active' && (s.stars ?? 0) < 4 },
  { name: '暂停服务', color: '#ff8f5b', match: (s) => s.status === 'suspended' },
  { name: '已关闭', color: '#6b7a96', match: (s) => s.status !== 'active' && s.status !== 'suspended' },
];

/**
 * The boundaries to draw for a node: the whole province, or the node's city (a district has no
 * outline of its own in the bundled data, so it is drawn inside its city, zoomed on its stations).
 */
export function registerNodeMap(geo, node) {
  const features = Array.isArray(geo?.features) ? geo.features : [];
  const cityCode = node.level === 'province' ? null : node.code.slice(0, 4);
  const city = cityCode ? features.find((f) => String(f.id) === cityCode) : null;
  const name = city ? `map-${cityCode}` : 'map-zhejiang';
  const drawn = city ? [city] : features;
  echarts.registerMap(name, { type: 'FeatureCollection', features: drawn });
  const namesByCode = new Map(drawn.map((f) => [String(f.id), f.properties?.name]));
  return { name, outlinesCities: !city, namesByCode, bounds: featureBounds(drawn) };
}

/**
 * Heat points shrink as the area grows, and the colour scale stretches (more of a district's
 * points fall on one pixel of a province), so a province is not one red blob over its stations.
 */
const HEAT_POINT = { province: [5, 7], city: [7, 9], district: [10, 12] };
const HEAT_STRETCH = { province: 4, city: 2, district: 1 };
/** Station points grow as the area grows, to stay visible over the heat. */
const STATION_SIZE = { province: 8, city: 7, district: 6 };

function featureBounds(features) {
  let box = null;
  const visit = (coordinates) => {
    if (typeof coordinates[0] === 'number') {
      const [lng, lat] = coordinates;
      box = box ? [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)] : [lng, lat, lng, lat];
    } else for (const inner of coordinates) visit(inner);
  };
  for (const feature of features) visit(feature.geometry?.coordinates ?? []);
  return box;
}

/** Centre and zoom that frame the points inside the drawn outline (a district inside its city). */
function focusOn(points, outline) {
  if (points.length === 0 || !outline) return {};
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  const [west, south, east, north] = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
  const zoom = 0.7 * Math.min((outline[2] - outline[0]) / Math.max(east - west, 0.02), (outline[3] - outline[1]) / Math.max(north - south, 0.02));
  return { center: [(west + east) / 2, (south + north) / 2], zoom: Math.max(1, zoom) };
}

export function renderMap(id, { node, map, stations, coverage, stationCounts, onStation, onRegion }) {
  if (!map) {
    showEmpty(id, '暂无地图数据');
    return;
  }
  const series = [];
  const visualMaps = [];
  const cells = coverage?.cells ?? [];
  if (cells.length > 0) {
    const max = Math.max(...cells.map((c) => c.workers), 1) * (HEAT_STRETCH[node.level] ?? 1);
    visualMaps.push({
      type: 'continuous',
      seriesIndex: 0,
      min: 0,
      max,
      calculable: false,
      orient: 'vertical',
      left: 8,
      bottom: 8,
      itemHeight: 80,
      text: ['劳动者密集', '稀疏'],
      textStyle: { color: '#7f9cc6', fontSize: 11 },
      inRange: { color: ['rgba(58,210,159,0)', 'rgba(58,210,159,0.5)', '#ffb547', '#ff5b5b'] },
    });
    const [pointSize, blurSize] = HEAT_POINT[node.level] ?? HEAT_POINT.city;
    series.push({ name: '劳动者热力', type: 'heatmap', coordinateSystem: 'geo', pointSize, blurSize, data: cells.map((c) => [c.lng, c.lat, c.workers]) });
  }
  for (const group of STATION_SERIES) {
    const members = stations.filter((s) => group.match(s) && s.lng !== undefined && s.lat !== undefined);
    series.push({
      name: group.name,
      type: 'scatter',
      coordinateSystem: 'geo',
      symbolSize: (value) => (STATION_SIZE[node.level] ?? 6) + 1.5 * (value[2] ?? 0),
      itemStyle: { color: group.color, borderColor: 'rgba(255,255,255,0.8)', borderWidth: node.level === 'district' ? 0.5 : 1 },
      emphasis: { scale: 1.6 },
      data: members.map((s) => ({ name: s.name, value: [s.lng, s.lat, s.stars ?? 0], stationId: s.id })),
      zlevel: 1,
    });
  }
  const gaps = coverage?.gaps ?? [];
  if (gaps.length > 0) {
    series.push({
      name: '覆盖空白',
      type: 'effectScatter',
      coordinateSystem: 'geo',
      symbolSize: 9,
      rippleEffect: { scale: 3, brushType: 'stroke' },
      itemStyle: { color: '#ff5b5b' },
      data: gaps.slice(0, 50).map((g) => ({ name: `未覆盖劳动者 ${g.workers}`, value: [g.lng, g.lat, g.workers] })),
      zlevel: 1,
    });
  }
  const focus = node.level === 'district' ? focusOn([...stations, ...cells].filter((p) => p.lng !== undefined && p.lat !== undefined), map.bounds) : {};
  const chart = showChart(id, {
    tooltip: {
      trigger: 'item',
      backgroundColor: 'rgba(8,20,42,0.92)',
      borderColor: '#1d3b6e',
      textStyle: { color: '#cfe3ff' },
      formatter: (params) => {
        if (params.componentType === 'geo') {
          const count = stationCounts.get(params.name);
          return `${escapeHtml(params.name)}<br>驿站 ${count === undefined ? '—' : formatNumber(count)}`;
        }
        if (params.seriesType === 'heatmap') return `劳动者 ${formatNumber(params.value[2])}`;
        return escapeHtml(params.name);
      },
    },
    legend: {
      top: 4,
      right: 8,
      orient: 'vertical',
      textStyle: { color: '#7f9cc6', fontSize: 11 },
      itemWidth: 10,
      itemHeight: 10,
      data: series.filter((s) => s.type !== 'heatmap').map((s) => s.name),
    },
    visualMap: visualMaps,
    geo: {
      map: map.name,
      roam: true,
      layoutCenter: ['50%', '52%'],
      layoutSize: '95%',
      ...focus,
      label: { show: map.outlinesCities, color: 'rgba(207,227,255,0.65)', fontSize: 11 },
      itemStyle: { areaColor: '#12305e', borderColor: '#3a6db5', borderWidth: 1 },
      emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#1b4a8a' } },
      select: { disabled: true },
      // Areas with stations stand out from the rest of the province.
      regions: [...stationCounts]
        .filter(([, count]) => count > 0)
        .map(([name]) => ({ name, itemStyle: { areaColor: '#194a8c', borderColor: '#5b9cf0' } })),
    },
    series,
  });
  chart?.off('click');
  chart?.on('click', (params) => {
    if (params.componentType === 'geo') onRegion(params.name);
    else if (params.data?.stationId) onStation(params.data.stationId);
  });
}
