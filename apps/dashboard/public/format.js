// Chinese names for the code names of the API and number formats. The station labels copy
// apps/stations/src/catalogue/labels.ts (the page cannot import it); a code missing here is
// shown as it is, so a new tier or facility never hides data.

export const LEVEL_NAMES = { province: '省级', city: '市级', district: '区县级' };

export const TIER_NAMES = {
  district_hub: '区级综合体',
  street: '街道驿站',
  community: '社区微站',
  convenience: '便民服务站',
};

export const KIND_NAMES = {
  station: '工会驿站',
  driver_home: '司机之家',
  workers_home: '新业态职工之家',
  self_service: '24小时自助驿站',
};

export const STATUS_NAMES = { active: '正常开放', suspended: '暂停服务', closed: '已关闭' };

export const OCCUPATION_NAMES = {
  rider: '外卖骑手',
  courier: '快递员',
  ride_hail_driver: '网约车司机',
  truck_driver: '货车司机',
  sanitation: '环卫工人',
  taxi_driver: '出租车司机',
  city_management: '城管',
  auxiliary_police: '辅警',
  domestic_worker: '家政服务员',
  care_worker: '护工',
  other: '其他',
};

export const FACILITY_NAMES = {
  air_conditioning: '空调',
  heating: '取暖设备',
  fridge: '冰箱',
  microwave: '微波炉',
  water_dispenser: '饮水机',
  charging: '充电/排插',
  tables_chairs: '桌椅',
  toilet: '卫生间',
  first_aid_kit: '医药箱',
  wifi: '无线网络',
  umbrella: '雨具',
  reading_glasses: '老花镜',
  hair_dryer: '吹风机',
  blood_pressure_monitor: '血压仪',
  tv: '电视机',
  books: '书屋',
  notice_board: '公示栏',
  wish_wall: '心愿墙',
  suggestion_book: '民意建议本',
  battery_swap: '换电柜',
  vehicle_charging: '车辆充电桩',
  repair_tools: '维修工具',
  shower: '淋浴',
  washing: '洗衣',
  parking: '停车位',
  canteen: '食堂',
  rest_beds: '休息床',
  fitness: '健身设施',
};

export function nameOf(names, code) {
  if (code === null || code === undefined || code === '') return '未知';
  return names[code] ?? String(code);
}

export function formatNumber(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('zh-CN') : '—';
}

export function formatPercent(rate) {
  return typeof rate === 'number' && Number.isFinite(rate) ? `${(rate * 100).toFixed(1)}%` : '—';
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** YYYY-MM-DD in Asia/Shanghai, `offsetDays` from today. */
export function shanghaiDate(offsetDays = 0, now = Date.now()) {
  return new Date(now + SHANGHAI_OFFSET_MS + offsetDays * 86400 * 1000).toISOString().slice(0, 10);
}

export function shanghaiClock(iso) {
  const at = iso ? new Date(iso) : new Date();
  if (Number.isNaN(at.getTime())) return '—';
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 19);
}

export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
