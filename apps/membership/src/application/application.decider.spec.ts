import type { ApplicationEvent, ApplicationSubmitted } from '@ws/contracts';
import { spec } from '@ws/testing';
import { applicationDecider, ApplicationCommand } from './application.decider';

const submitted: ApplicationSubmitted = {
  type: 'ApplicationSubmitted',
  data: {
    applicationId: 'a1',
    applicationNumber: 'SQ2606010001',
    personId: 'p1',
    unionId: 'u1',
    occupation: 'rider',
    employer: '美团',
    streetCode: '330802001',
    stationId: null,
    channel: 'fair',
  },
};
const infoRequested: ApplicationEvent = { type: 'ApplicationInfoRequested', data: { applicationId: 'a1', fields: ['employer'], note: '请补充所在站点' } };
const approved: ApplicationEvent = { type: 'ApplicationApproved', data: { applicationId: 'a1', membershipId: 'm1', cardNumber: '33080200000001' } };

const submit = (overrides: Partial<Extract<ApplicationCommand, { type: 'SubmitApplication' }>> = {}): ApplicationCommand => ({
  type: 'SubmitApplication',
  ...submitted.data,
  employer: ' 美团 ',
  unionActive: true,
  ...overrides,
});
const approve = (overrides: Partial<Extract<ApplicationCommand, { type: 'ApproveApplication' }>> = {}): ApplicationCommand => ({
  type: 'ApproveApplication',
  membershipId: 'm1',
  cardNumber: '33080200000001',
  unionActive: true,
  existingMembershipId: null,
  ...overrides,
});

describe('application decider', () => {
  it('submits with the employer trimmed', () => {
    spec(applicationDecider).given([]).when(submit()).then([submitted]);
  });

  it('stores an empty employer as null', () => {
    spec(applicationDecider).given([]).when(submit({ employer: '  ' })).then([{ ...submitted, data: { ...submitted.data, employer: null } }]);
  });

  it('refuses an employer field holding an ID number', () => {
    spec(applicationDecider).given([]).when(submit({ employer: '11010519491231002X' })).thenError('personal_data_in_text', 'employer');
  });

  it('refuses a union that is not accepting members', () => {
    spec(applicationDecider).given([]).when(submit({ unionActive: false })).thenError('union_not_accepting', 'unionId');
  });

  it('approves a pending application into a membership with a card number', () => {
    spec(applicationDecider).given([submitted]).when(approve()).then([approved]);
  });

  it('approves after information was requested', () => {
    spec(applicationDecider).given([submitted, infoRequested]).when(approve()).then([approved]);
  });

  it('refuses to approve a person who already holds a membership', () => {
    const error = spec(applicationDecider).given([submitted]).when(approve({ existingMembershipId: 'm0' })).thenError('already_member');
    expect(error.details).toEqual({ membershipId: 'm0' });
  });

  it('refuses to decide twice', () => {
    spec(applicationDecider).given([submitted, approved]).when(approve()).thenError('application_not_pending');
    spec(applicationDecider).given([submitted, approved]).when({ type: 'RejectApplication', reason: 'other', note: '' }).thenError('application_not_pending');
  });

  it('rejects with a reason and a note, refusing a note with a mobile number', () => {
    spec(applicationDecider).given([submitted]).when({ type: 'RejectApplication', reason: 'not_eligible', note: '不属于本行业' })
      .then([{ type: 'ApplicationRejected', data: { applicationId: 'a1', reason: 'not_eligible', note: '不属于本行业' } }]);
    spec(applicationDecider).given([submitted]).when({ type: 'RejectApplication', reason: 'other', note: '请打 13812345678' }).thenError('personal_data_in_text');
  });

  it('requests information once, and the applicant amends', () => {
    spec(applicationDecider).given([submitted]).when({ type: 'RequestInfo', fields: ['employer', 'employer'], note: '请补充所在站点' }).then([infoRequested]);
    spec(applicationDecider).given([submitted, infoRequested]).when({ type: 'RequestInfo', fields: [], note: 'x' }).thenError('application_not_pending');
    spec(applicationDecider)
      .given([submitted, infoRequested])
      .when({ type: 'AmendApplication', unionId: 'u1', occupation: 'courier', employer: '顺丰', streetCode: null, personalDataChanged: true, unionActive: true })
      .then([{ type: 'ApplicationAmended', data: { applicationId: 'a1', unionId: 'u1', occupation: 'courier', employer: '顺丰', streetCode: null, personalDataChanged: true } }]);
  });

  it('refuses an amendment nobody asked for', () => {
    spec(applicationDecider)
      .given([submitted])
      .when({ type: 'AmendApplication', unionId: 'u1', occupation: 'courier', employer: null, streetCode: null, personalDataChanged: false, unionActive: true })
      .thenError('application_not_awaiting_info');
  });

  it('knows no application before it is submitted', () => {
    spec(applicationDecider).given([]).when(approve()).thenError('application_not_found');
  });
});
