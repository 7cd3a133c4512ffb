// 本年度工作: what the node's subtree did since 1 January — activities held and people reached,
// welfare handed out, health checks and their share of new-form workers (the 20 % rule) — the same
// numbers as the year's report (GET /reports, officers only) from the stations service's public figures.
import { byId, figureCell } from './page.js';

const figure = (key, label, value, text) => figureCell(`work.${key}`, label, value, text);

/** work: { activities, welfare, programmes } from fetchWorkFigures, each null when its endpoint did not answer. */
export function renderWork(work) {
  const element = byId('figures-work');
  const { activities, welfare, programmes } = work ?? {};
  const shown = [
    ...(activities ? [figure('activitiesHeld', '活动场次', activities.held), figure('activityPeople', '活动覆盖人数', activities.participants)] : []),
    ...(welfare ? [figure('welfarePeople', '关爱惠及人数', welfare.peopleReached)] : []),
    ...(programmes
      ? [
          figure('healthChecks', '健康体检人次', programmes.healthChecks.people),
          figure('healthNewFormShare', '体检新就业占比', programmes.healthChecks.newFormSharePercent, `${programmes.healthChecks.newFormSharePercent.toFixed(1)}%`),
          figure('childcare', '爱心托班人次', programmes.childcare.people),
        ]
      : []),
  ];
  element.innerHTML = shown.length ? `<dl class="numbers">${shown.join('')}</dl>` : '<div class="empty">暂无数据</div>';
}
