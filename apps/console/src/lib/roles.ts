/** An officer's role as the access token names it (libs/contracts OfficerRole; its name is identity's: `label('roles', role)`). */
export type Role = 'province_officer' | 'city_officer' | 'district_officer' | 'street_officer' | 'station_manager' | 'ops_admin';

export interface MenuItem {
  /** The route's name and path below /console/. */
  name: string;
  path: string;
  title: string;
  roles: readonly Role[];
}

/**
 * Every screen and who may use it: the same role lists as the services' @Roles on the routes the
 * screen calls, so an officer is never shown a screen whose every button answers 403. The
 * services decide; this only keeps the menu honest.
 */
export const MENU: readonly MenuItem[] = [
  { name: 'my-station', path: '/my-station', title: '我的驿站', roles: ['station_manager'] },
  { name: 'stations', path: '/stations', title: '驿站登记', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer'] },
  { name: 'applications', path: '/applications', title: '入会申请', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer'] },
  { name: 'unions', path: '/unions', title: '工会组织', roles: ['province_officer', 'city_officer', 'district_officer'] },
  { name: 'shop', path: '/shop', title: '积分商城', roles: ['district_officer', 'street_officer'] },
  // The district erases (its vault holds the person); the city and province read the requests of the districts below.
  { name: 'erasure', path: '/erasure', title: '注销个人信息', roles: ['province_officer', 'city_officer', 'district_officer'] },
  { name: 'wishes', path: '/wishes', title: '心愿审核', roles: ['station_manager', 'street_officer', 'district_officer'] },
  { name: 'demand', path: '/demand', title: '需求清单', roles: ['street_officer', 'district_officer'] },
  { name: 'tasks', path: '/tasks', title: '派单', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  { name: 'volunteers', path: '/volunteers', title: '志愿者', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  { name: 'rota', path: '/rota', title: '排班', roles: ['district_officer', 'street_officer', 'station_manager'] },
  { name: 'activities', path: '/activities', title: '活动', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  // Every officer and station manager records stock and handouts (POST /welfare/stock, /welfare/handouts); the lists are public read models.
  { name: 'welfare', path: '/welfare', title: '关爱物资', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  // The province, city and district launch and close programmes; streets and stations record deliveries (POST /programmes/:id/deliveries).
  { name: 'programmes', path: '/programmes', title: '民生实事', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  { name: 'reports', path: '/reports', title: '随手拍', roles: ['street_officer', 'district_officer'] },
  { name: 'directives', path: '/directives', title: '下达指令', roles: ['province_officer', 'city_officer'] },
  { name: 'received', path: '/received', title: '上级指令', roles: ['city_officer', 'district_officer'] },
  { name: 'compliance', path: '/compliance', title: '达标与覆盖', roles: ['province_officer', 'city_officer', 'district_officer'] },
  { name: 'density', path: '/density', title: '劳动者分布', roles: ['province_officer', 'city_officer', 'district_officer'] },
  { name: 'annual-report', path: '/annual-report', title: '年度报表', roles: ['province_officer', 'city_officer', 'district_officer'] },
  { name: 'accounts', path: '/accounts', title: '账号', roles: ['province_officer', 'city_officer', 'district_officer'] },
  { name: 'messages', path: '/messages', title: '站内信', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  { name: 'deliveries', path: '/deliveries', title: '投递状态', roles: ['province_officer', 'city_officer', 'district_officer'] },
  { name: 'jobs-review', path: '/jobs-review', title: '零工审核', roles: ['district_officer', 'street_officer'] },
  { name: 'fairs', path: '/fairs', title: '招聘会', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  { name: 'jobs-figures', path: '/jobs-figures', title: '零工数据', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer'] },
  // GET /funds/budgets and POST …/spending: officers of every level, street officers and managers (allocating and adjusting: the officers, shown to them only).
  { name: 'funds', path: '/funds', title: '经费', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  // Every /legal-aid/cases route (LEGAL_HANDLERS).
  { name: 'legal-aid', path: '/legal-aid', title: '法律援助', roles: ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] },
  { name: 'ops', path: '/ops', title: '运维', roles: ['ops_admin', 'province_officer', 'city_officer', 'district_officer'] },
];

export function menuFor(role: Role | undefined): MenuItem[] {
  return role ? MENU.filter((item) => item.roles.includes(role)) : [];
}

export function mayOpen(role: Role | undefined, routeName: string): boolean {
  const item = MENU.find((entry) => entry.name === routeName);
  return !item || (role !== undefined && item.roles.includes(role));
}
