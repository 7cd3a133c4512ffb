import type { OfficerRole } from '@ws/contracts';
import type { AccountStatus } from '../accounts/account.dto';

/** zh-CN labels of identity's codes, for the console. Records, so a new role or status without a label fails to compile. */
export const ROLE_LABELS: Record<OfficerRole, string> = {
  province_officer: '省总干部',
  city_officer: '市总干部',
  district_officer: '区总干部',
  street_officer: '街道干部',
  station_manager: '站长',
  ops_admin: '运维管理员',
};

export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  active: '正常',
  locked: '已锁定',
  disabled: '已停用',
};
