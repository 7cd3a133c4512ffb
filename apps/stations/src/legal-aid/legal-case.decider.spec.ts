import type { LegalCaseEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { type LegalCaseCommand, legalCaseDecider, type ReceiveLegalCase } from './legal-case.decider';

// The spec's clock: 2026-06-01 10:00 in Shanghai.
const CASE = '0196f000-0000-7000-8000-00000000f001';
const STATION = '0196f000-0000-7000-8000-000000005001';
const legal = () => spec<LegalCaseCommand, LegalCaseEvent, ReturnType<typeof legalCaseDecider.initialState>>(legalCaseDecider);
const openStation = { status: 'active' as const, streetCode: '330502001', services: [] };

const receive = (overrides: Partial<ReceiveLegalCase> = {}): ReceiveLegalCase => ({
  type: 'ReceiveLegalCase', caseId: CASE, kind: 'wage_arrears', nodeCode: '330502', stationId: STATION, streetCode: null, station: openStation,
  occupation: 'rider', receivedOn: '2026-05-10', workerRef: 'w1', ...overrides,
});
const received: LegalCaseEvent = {
  type: 'LegalCaseReceived', data: { caseId: CASE, kind: 'wage_arrears', stationId: STATION, streetCode: '330502001', occupation: 'rider', receivedOn: '2026-05-10', workerRef: 'w1' },
};
const mediating: LegalCaseEvent = { type: 'LegalMediationStarted', data: { caseId: CASE, startedOn: '2026-05-12' } };
const settled: LegalCaseEvent = { type: 'LegalCaseSettled', data: { caseId: CASE, settledOn: '2026-05-20', recoveredFen: 1_280_000 } };

describe('legal-aid case', () => {
  it('is received at an open station, mediated, settled with the amount recovered, and closed', () => {
    legal().given([]).when(receive()).then([received]);
    legal().given([received]).when({ type: 'StartMediation', caseId: CASE, on: '2026-05-12' }).then([mediating]);
    legal().given([received, mediating]).when({ type: 'SettleLegalCase', caseId: CASE, on: '2026-05-20', recoveredFen: 1_280_000 }).then([settled]);
    legal().given([received, mediating, settled]).when({ type: 'CloseLegalCase', caseId: CASE, on: '2026-05-21', outcome: 'agreement' })
      .then([{ type: 'LegalCaseClosed', data: { caseId: CASE, closedOn: '2026-05-21', outcome: 'agreement' } }]);
  });

  it('is referred to the 共享法庭 when mediation fails', () => {
    legal().given([received, mediating]).when({ type: 'ReferLegalCase', caseId: CASE, on: '2026-05-15', partner: 'shared_court' })
      .then([{ type: 'LegalCaseReferred', data: { caseId: CASE, referredOn: '2026-05-15', partner: 'shared_court' } }]);
    legal().given([received]).when({ type: 'ReferLegalCase', caseId: CASE, on: '2026-05-15', partner: 'police' as never }).thenError('unknown_referral_partner', 'partner');
  });

  it('refuses a step its state does not allow, a day before it was received or after today, and money as a float', () => {
    legal().given([received]).when({ type: 'SettleLegalCase', caseId: CASE, on: '2026-05-20', recoveredFen: 1 }).thenError('legal_case_wrong_state');
    legal().given([received, mediating, settled]).when({ type: 'StartMediation', caseId: CASE, on: '2026-05-21' }).thenError('legal_case_wrong_state');
    legal().given([received]).when({ type: 'StartMediation', caseId: CASE, on: '2026-05-09' }).thenError('invalid_case_date', 'on');
    legal().given([received]).when({ type: 'StartMediation', caseId: CASE, on: '2026-06-02' }).thenError('invalid_case_date', 'on');
    legal().given([received, mediating]).when({ type: 'SettleLegalCase', caseId: CASE, on: '2026-05-20', recoveredFen: 99.5 }).thenError('invalid_amount', 'recoveredFen');
    legal().given([]).when({ type: 'CloseLegalCase', caseId: CASE, on: '2026-05-20', outcome: 'advised' }).thenError('legal_case_not_found');
  });

  it('refuses a closed station, an occupation it does not know and a second receipt', () => {
    legal().given([]).when(receive({ station: { ...openStation, status: 'closed' } })).thenError('legal_case_station_closed', 'stationId');
    legal().given([]).when(receive({ occupation: 'astronaut' as never })).thenError('unknown_occupation', 'occupation');
    legal().given([received]).when(receive()).thenError('legal_case_exists');
  });

  it('erases the worker once, in any state, with a reason that holds no mobile or ID number; the case goes on', () => {
    const erase = (reason: string) => ({ type: 'EraseLegalWorker' as const, caseId: CASE, reason });
    const erased: LegalCaseEvent = { type: 'LegalWorkerErased', data: { caseId: CASE, reason: '当事人申请删除' } };
    legal().given([received, mediating]).when(erase(' 当事人申请删除 ')).then([erased]);
    legal().given([received, mediating, settled]).when(erase('当事人申请删除')).then([erased]);
    legal().given([received, erased]).when(erase('当事人申请删除')).thenError('personal_data_erased');
    legal().given([received, erased]).when({ type: 'StartMediation', caseId: CASE, on: '2026-05-12' }).then([mediating]);
    legal().given([received]).when(erase('  ')).thenError('validation_failed', 'reason');
    legal().given([received]).when(erase('本人电话13912345678')).thenError('personal_data_in_text', 'reason');
    legal().given([]).when(erase('当事人申请删除')).thenError('legal_case_not_found');
  });
});
