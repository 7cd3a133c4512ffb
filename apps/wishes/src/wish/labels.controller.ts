import { WISH_STATUS_LABELS } from '@ws/contracts';
import { labelsController } from '@ws/platform';
import { CATEGORY_LABELS, REPORT_STATUS_LABELS } from './labels';

/** GET /labels: the zh-CN names of the wish codes (neither the worker pages nor the console keep a copy of them). */
export const WishLabelsController = labelsController('心愿墙 wishes', '代码的中文名称：心愿类别、状态、随手拍状态', {
  categories: CATEGORY_LABELS,
  statuses: WISH_STATUS_LABELS,
  reportStatuses: REPORT_STATUS_LABELS,
});
