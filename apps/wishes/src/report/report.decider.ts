import { isInsideChina, POINTS_PER_REWARD_YUAN, REPORT_REWARD_YUAN, ReportStreamEvent, ReportSubmitted } from '@ws/contracts';
import { assertNever, checkEventText, DecideContext, Decider, DomainError, isMobileOrIdNumber } from '@ws/kernel';
import { wishesError } from '../errors';

export const REPORT_TEXT_MAX = 1000;
export const REPORT_PHOTOS_MAX = 9;
export const REPORT_REASON_MAX = 500;

export type ReportStatus = 'none' | 'submitted' | 'valid' | 'rejected';

export interface ReportState {
  status: ReportStatus;
  reportId: string;
  streetCode: string;
  memberCard: string | null;
}

export type ReportCommand =
  | { type: 'SubmitReport'; report: ReportSubmitted['data'] }
  | { type: 'ValidateReport'; officerId: string; amountYuan: number; note: string | null }
  | { type: 'RejectReport'; officerId: string; reason: string };

export function initialReportState(): ReportState {
  return { status: 'none', reportId: '', streetCode: '', memberCard: null };
}

/** A street report (随手拍): the street officer judges it once; a valid one is rewarded 2–100 元. */
export const reportDecider: Decider<ReportCommand, ReportStreamEvent, ReportState> = {
  initialState: initialReportState,
  evolve(state, event) {
    switch (event.type) {
      case 'ReportSubmitted':
        return { status: 'submitted', reportId: event.data.reportId, streetCode: event.data.streetCode, memberCard: event.data.memberCard };
      case 'ReportValidated':
        return { ...state, status: 'valid' };
      case 'ReportRejected':
        return { ...state, status: 'rejected' };
      case 'ReportRewarded':
        return state;
      default:
        return assertNever(event, 'report event');
    }
  },
  decide(command, state, _context: DecideContext) {
    switch (command.type) {
      case 'SubmitReport': {
        if (state.status !== 'none') return [];
        const report = command.report;
        if (!isInsideChina(report.location)) return wishesError('validation_failed', '位置不在中国境内（WGS-84 经纬度）', 'location');
        const text = checkEventText(report.text, 'text', { max: REPORT_TEXT_MAX, label: '内容', multiline: true });
        if (text instanceof DomainError) return text;
        if (report.memberCard && isMobileOrIdNumber(report.memberCard)) return wishesError('personal_data_in_text', '会员卡号一栏填的像是手机号或身份证号', 'memberCard');
        if (report.photoRefs.length > REPORT_PHOTOS_MAX) return wishesError('validation_failed', `照片最多 ${REPORT_PHOTOS_MAX} 张`, 'photoRefs');
        return [{ type: 'ReportSubmitted', data: { ...report, text } }];
      }
      case 'ValidateReport': {
        const refusal = notReviewable(state);
        if (refusal) return refusal;
        const note = checkEventText(command.note ?? '', 'note', { max: REPORT_REASON_MAX, label: '备注', allowEmpty: true });
        if (note instanceof DomainError) return note;
        const amount = command.amountYuan;
        if (!Number.isInteger(amount) || amount < REPORT_REWARD_YUAN.min || amount > REPORT_REWARD_YUAN.max) {
          return wishesError('validation_failed', `奖励须为 ${REPORT_REWARD_YUAN.min}–${REPORT_REWARD_YUAN.max} 元的整数`, 'amountYuan');
        }
        return [
          { type: 'ReportValidated', data: { reportId: state.reportId, officerId: command.officerId, note: note || null } },
          { type: 'ReportRewarded', data: { reportId: state.reportId, memberCard: state.memberCard, amountYuan: amount, points: amount * POINTS_PER_REWARD_YUAN } },
        ];
      }
      case 'RejectReport': {
        const refusal = notReviewable(state);
        if (refusal) return refusal;
        const reason = checkEventText(command.reason, 'reason', { max: REPORT_REASON_MAX, label: '理由' });
        if (reason instanceof DomainError) return reason;
        return [{ type: 'ReportRejected', data: { reportId: state.reportId, officerId: command.officerId, reason } }];
      }
      default:
        return assertNever(command, 'report command');
    }
  },
};

function notReviewable(state: ReportState): DomainError | null {
  if (state.status === 'none') return wishesError('report_not_found', '没有这条随手拍');
  if (state.status !== 'submitted') return wishesError('report_already_reviewed', '这条随手拍已经审核过', undefined, { currentStatus: state.status });
  return null;
}
