import type { ReportStreamEvent, ReportSubmitted } from '@ws/contracts';
import { spec } from '@ws/testing';
import { reportDecider } from './report.decider';

const report: ReportSubmitted['data'] = {
  reportId: 'report-1',
  streetCode: '330802001',
  location: { lng: 118.87, lat: 28.94 },
  text: ' 井盖缺失 ',
  photoRefs: ['photo-1'],
  memberCard: '33080200001',
  fingerprint: 'f'.repeat(64),
};
const submitted: ReportStreamEvent = { type: 'ReportSubmitted', data: { ...report, text: '井盖缺失' } };

describe('report decider', () => {
  it('records a report inside China; the same report again changes nothing', () => {
    spec(reportDecider).given([]).when({ type: 'SubmitReport', report }).then([submitted]);
    spec(reportDecider).given([submitted]).when({ type: 'SubmitReport', report }).thenNothing();
  });

  it('refuses coordinates outside China, swapped, or not numbers', () => {
    spec(reportDecider).given([]).when({ type: 'SubmitReport', report: { ...report, location: { lng: 28.94, lat: 118.87 } } }).thenError('validation_failed', 'location');
    spec(reportDecider).given([]).when({ type: 'SubmitReport', report: { ...report, location: { lng: Number.NaN, lat: 30 } } }).thenError('validation_failed', 'location');
    spec(reportDecider).given([]).when({ type: 'SubmitReport', report: { ...report, location: { lng: -0.12, lat: 51.5 } } }).thenError('validation_failed', 'location');
  });

  it('validates with a reward of 2–100 元 turned into points', () => {
    spec(reportDecider)
      .given([submitted])
      .when({ type: 'ValidateReport', officerId: 'officer-1', amountYuan: 20, note: null })
      .then([
        { type: 'ReportValidated', data: { reportId: 'report-1', officerId: 'officer-1', note: null } },
        { type: 'ReportRewarded', data: { reportId: 'report-1', memberCard: '33080200001', amountYuan: 20, points: 200 } },
      ]);
    for (const amountYuan of [1, 101, 2.5]) {
      spec(reportDecider).given([submitted]).when({ type: 'ValidateReport', officerId: 'o', amountYuan, note: null }).thenError('validation_failed', 'amountYuan');
    }
  });

  it('rejects with a reason; a reviewed report cannot be reviewed again', () => {
    const rejected: ReportStreamEvent = { type: 'ReportRejected', data: { reportId: 'report-1', officerId: 'o', reason: '重复上报' } };
    spec(reportDecider).given([submitted]).when({ type: 'RejectReport', officerId: 'o', reason: '重复上报' }).then([rejected]);
    spec(reportDecider).given([submitted, rejected]).when({ type: 'ValidateReport', officerId: 'o', amountYuan: 5, note: null }).thenError('report_already_reviewed');
    spec(reportDecider).given([]).when({ type: 'RejectReport', officerId: 'o', reason: 'x' }).thenError('report_not_found');
  });
});
