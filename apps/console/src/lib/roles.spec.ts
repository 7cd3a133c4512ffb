import { mayOpen, menuFor } from './roles';

describe('console menu per role', () => {
  it('shows each role only the screens its services let it use', () => {
    expect(menuFor('station_manager').map((item) => item.title)).toEqual(['我的驿站', '心愿审核', '派单', '志愿者', '排班', '活动', '关爱物资', '民生实事', '站内信', '招聘会', '经费', '法律援助']);
    expect(menuFor('street_officer').map((item) => item.title)).toEqual(['驿站登记', '入会申请', '积分商城', '心愿审核', '需求清单', '派单', '志愿者', '排班', '活动', '关爱物资', '民生实事', '随手拍', '站内信', '零工审核', '招聘会', '零工数据', '经费', '法律援助']);
    expect(menuFor('district_officer').map((item) => item.title)).toEqual(['驿站登记', '入会申请', '工会组织', '积分商城', '注销个人信息', '心愿审核', '需求清单', '派单', '志愿者', '排班', '活动', '关爱物资', '民生实事', '随手拍', '上级指令', '达标与覆盖', '劳动者分布', '年度报表', '账号', '站内信', '投递状态', '零工审核', '招聘会', '零工数据', '经费', '法律援助', '运维']);
    expect(menuFor('city_officer').map((item) => item.title)).toEqual(['驿站登记', '入会申请', '工会组织', '注销个人信息', '派单', '志愿者', '活动', '关爱物资', '民生实事', '下达指令', '上级指令', '达标与覆盖', '劳动者分布', '年度报表', '账号', '站内信', '投递状态', '招聘会', '零工数据', '经费', '法律援助', '运维']);
    expect(menuFor('province_officer').map((item) => item.title)).toEqual(['驿站登记', '入会申请', '工会组织', '注销个人信息', '派单', '志愿者', '活动', '关爱物资', '民生实事', '下达指令', '达标与覆盖', '劳动者分布', '年度报表', '账号', '站内信', '投递状态', '招聘会', '零工数据', '经费', '法律援助', '运维']);
    expect(menuFor('ops_admin').map((item) => item.title)).toEqual(['运维']);
    expect(menuFor(undefined)).toEqual([]);
  });

  it('keeps a role out of a screen not in its menu, by address too', () => {
    expect(mayOpen('ops_admin', 'applications')).toBe(false);
    expect(mayOpen('station_manager', 'applications')).toBe(false);
    expect(mayOpen('station_manager', 'stations')).toBe(false);
    expect(mayOpen('station_manager', 'my-station')).toBe(true);
    expect(mayOpen('district_officer', 'directives')).toBe(false);
    expect(mayOpen('street_officer', 'wishes')).toBe(true);
    expect(mayOpen('street_officer', 'jobs-review')).toBe(true);
    expect(mayOpen('city_officer', 'jobs-review')).toBe(false);
    expect(mayOpen('city_officer', 'erasure')).toBe(true);
    expect(mayOpen('street_officer', 'erasure')).toBe(false);
    expect(mayOpen('station_manager', 'welfare')).toBe(true);
    expect(mayOpen('ops_admin', 'programmes')).toBe(false);
    expect(mayOpen('station_manager', 'activities')).toBe(true);
    expect(mayOpen('ops_admin', 'activities')).toBe(false);
    expect(mayOpen('station_manager', 'funds')).toBe(true);
    expect(mayOpen('ops_admin', 'legal-aid')).toBe(false);
    expect(mayOpen(undefined, 'home')).toBe(true);
  });
});
