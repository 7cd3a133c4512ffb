/**
 * A worker-density (热力图) CSV as an officer's spreadsheet writes it: Excel and WPS save "CSV"
 * in the system's code page (GBK on a Chinese Windows) and "CSV UTF-8" with a byte-order mark.
 * The file is read as UTF-8 when it is valid UTF-8, else as GBK; the stations service parses the
 * text (bins points into H3 cells), this only previews the points before they are sent.
 */
export function decodeCsv(bytes: ArrayBuffer): { text: string; encoding: 'UTF-8' | 'GBK' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'GBK' };
  }
}

export interface DensityPoint {
  lat: number;
  lng: number;
  count: number;
}

const LAT = ['lat', 'latitude', '纬度'];
const LNG = ['lng', 'lon', 'longitude', '经度'];
const COUNT = ['count', 'workers', '人数', '劳动者', '劳动者数', '数量'];

/**
 * The `lat,lng,count` rows of the text (a header may order the columns), for the map preview;
 * `cell,count` rows (H3 ids) have no place the console can compute and are counted apart.
 */
export function previewPoints(text: string): { points: DensityPoint[]; rows: number; cellRows: number } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const fields = (line: string) => line.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1').toLowerCase());
  let order = { lat: 0, lng: 1, count: 2 };
  const first = lines[0] ? fields(lines[0]) : [];
  const hasHeader = first.some((f) => f !== '' && Number.isNaN(Number(f)) && !/^[0-9a-f]{15}$/.test(f));
  if (hasHeader && first.length === 3) {
    const at = (names: string[]) => first.findIndex((f) => names.includes(f));
    if (at(LAT) >= 0 && at(LNG) >= 0 && at(COUNT) >= 0) order = { lat: at(LAT), lng: at(LNG), count: at(COUNT) };
  }
  const body = hasHeader ? lines.slice(1) : lines;
  const points: DensityPoint[] = [];
  let cellRows = 0;
  for (const line of body) {
    const row = fields(line);
    if (row.length === 2) cellRows++;
    if (row.length !== 3) continue;
    const [lat, lng, count] = [Number(row[order.lat]), Number(row[order.lng]), Number(row[order.count])];
    // A line the service will refuse (coordinates swapped, say) is left off the map too.
    if ([lat, lng, count].every(Number.isFinite) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && count >= 0) points.push({ lat, lng, count });
  }
  return { points, rows: body.length, cellRows };
}

/** The stations service's reasons for a line it skipped (English), in Chinese. */
const LINE_REASONS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/unrecognised header/, () => '无法识别表头：应为「纬度,经度,人数」「lat,lng,count」或「cell,count」'],
  [/expected .* fields, got (\d+)/, (m) => `列数不对：应为 3 列（纬度,经度,人数）或 2 列（网格,人数），此行 ${m[1]} 列`],
  [/count must be a non-negative number/, () => '人数须为不小于 0 的数字'],
  [/not an H3 cell id/, () => '不是有效的 H3 网格编号'],
  [/too coarse/, () => '网格太大：请用 7 级或更细的 H3 网格'],
  [/swapped/, () => '坐标不在中国境内（经度、纬度是否填反了？）'],
  [/outside China/, () => '位置不在中国境内'],
  [/lat and lng must be numbers/, () => '经度、纬度须为数字'],
];

export function lineReason(reason: string): string {
  for (const [pattern, say] of LINE_REASONS) {
    const match = pattern.exec(reason);
    if (match) return say(match);
  }
  return reason;
}
