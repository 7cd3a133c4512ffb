import { labelsController } from '@ws/platform';
import { ACCOUNT_STATUS_LABELS, ROLE_LABELS } from './labels';

/** GET /labels: the zh-CN names of identity's codes, for the console. */
export const IdentityLabelsController = labelsController('账号 labels', '代码的中文名称：角色、账号状态', {
  roles: ROLE_LABELS,
  accountStatuses: ACCOUNT_STATUS_LABELS,
});
