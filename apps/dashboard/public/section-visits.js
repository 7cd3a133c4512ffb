// 近30天到访, 到访职业构成, and 今日分时到访 until the live feed answers.
import * as charts from './charts.js';
import { formatNumber, shanghaiDate } from './format.js';
import { setTile, state } from './page.js';

function lastDays(count) {
  return Array.from({ length: count }, (_, index) => shanghaiDate(index - count + 1));
}

export function renderVisits(byDay, byOccupation, today) {
  if (byDay) {
    const visits = new Map(byDay.map((row) => [row.key, row.visits]));
    const rows = lastDays(30).map((day) => ({ key: day, visits: visits.get(day) ?? 0 }));
    const total = byDay.reduce((sum, row) => sum + row.visits, 0);
    setTile('visits-30d', `合计 ${formatNumber(total)}`, total);
    charts.showChart('chart-visits-day', charts.visitsByDayOption(rows));
  } else {
    setTile('visits-30d', '');
    charts.showEmpty('chart-visits-day');
  }
  if (byOccupation && byOccupation.length > 0) charts.showChart('chart-occupation', charts.occupationOption(byOccupation));
  else charts.showEmpty('chart-occupation');
  if (state.live) return;
  // Until the live feed answers, today's figures come from the read model.
  if (today) {
    setTile('visits-today', formatNumber(today.total), today.total);
    const hours = new Array(24).fill(0);
    for (const row of today.byHour) if (Number(row.key) >= 0 && Number(row.key) < 24) hours[Number(row.key)] = row.visits;
    charts.showChart('chart-visits-hour', charts.visitsByHourOption(hours));
  } else {
    charts.showEmpty('chart-visits-hour');
  }
}
