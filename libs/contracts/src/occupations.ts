/**
 * The glossary's occupations of outdoor and new-form workers (户外劳动者、新就业形态劳动者): who
 * checks in at a station and what a member works as are one classification, so the dashboards put
 * check-ins and members side by side. 外卖骑手、快递员、网约车司机、货车司机、环卫工人, and the
 * outdoor workers the seeds name beside them: 出租车司机、城管、辅警、家政、护工; 其他 last.
 */
export const OCCUPATIONS = [
  'rider',
  'courier',
  'ride_hail_driver',
  'truck_driver',
  'sanitation',
  'taxi_driver',
  'city_management',
  'auxiliary_police',
  'domestic_worker',
  'care_worker',
  'other',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

export const OCCUPATION_LABELS: Record<Occupation, string> = {
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

/**
 * 新就业形态劳动者: the four the national union names (货车司机、网约车司机、快递员、外卖送餐员), the
 * share programmes and reports count (e.g. 健康体检 "不少于总服务人次的20%").
 */
export const NEW_FORM_OCCUPATIONS: readonly Occupation[] = ['rider', 'courier', 'ride_hail_driver', 'truck_driver'];
