import { ApplicationChannel, ApplicationEvent, MemberOccupation, RejectionReason } from '@ws/contracts';
import { assertNever, checkEventText, Decider, DomainError } from '@ws/kernel';
import { membershipError } from '../membership.errors';

export const EMPLOYER_MAX = 100;
export const NOTE_MAX = 500;

export type ApplicationStatus = 'none' | 'submitted' | 'info_requested' | 'approved' | 'rejected';

export interface ApplicationState {
  status: ApplicationStatus;
  applicationId: string;
  applicationNumber: string;
  personId: string;
  unionId: string;
  occupation: MemberOccupation;
  employer: string | null;
  streetCode: string | null;
  membershipId: string | null;
}

/** What the applicant tells about their work (the personal fields go to the vault, not here). */
export interface ApplicationDetails {
  unionId: string;
  occupation: MemberOccupation;
  employer: string | null;
  streetCode: string | null;
}

export type ApplicationCommand =
  | (ApplicationDetails & {
      type: 'SubmitApplication';
      applicationId: string;
      applicationNumber: string;
      personId: string;
      stationId: string | null;
      channel: ApplicationChannel;
      unionActive: boolean;
    })
  | (ApplicationDetails & { type: 'AmendApplication'; personalDataChanged: boolean; unionActive: boolean })
  | { type: 'RequestInfo'; fields: string[]; note: string }
  | {
      type: 'ApproveApplication';
      membershipId: string;
      cardNumber: string;
      unionActive: boolean;
      /** The person's current membership, if they already hold one (looked up by the handler). */
      existingMembershipId: string | null;
    }
  | { type: 'RejectApplication'; reason: RejectionReason; note: string };

const initialState = (): ApplicationState => ({
  status: 'none',
  applicationId: '',
  applicationNumber: '',
  personId: '',
  unionId: '',
  occupation: 'other',
  employer: null,
  streetCode: null,
  membershipId: null,
});

const PENDING: ApplicationStatus[] = ['submitted', 'info_requested'];

function requirePending(state: ApplicationState): DomainError | undefined {
  if (state.status === 'none') return membershipError('application_not_found', '入会申请不存在');
  if (!PENDING.includes(state.status)) return membershipError('application_not_pending', `申请已${state.status === 'approved' ? '批准' : '驳回'}`);
  return undefined;
}

function checkDetails(details: ApplicationDetails, unionActive: boolean): { employer: string | null } | DomainError {
  if (!unionActive) return membershipError('union_not_accepting', '所选工会不存在或已不再接收会员', 'unionId');
  if (details.employer === null || details.employer.trim() === '') return { employer: null };
  const employer = checkEventText(details.employer, 'employer', { max: EMPLOYER_MAX, label: '工作单位' });
  return employer instanceof DomainError ? employer : { employer };
}

function decide(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] | DomainError {
  switch (command.type) {
    case 'SubmitApplication': {
      if (state.status !== 'none') return membershipError('application_already_exists', '申请已存在', 'applicationId');
      const checked = checkDetails(command, command.unionActive);
      if (checked instanceof DomainError) return checked;
      return [
        {
          type: 'ApplicationSubmitted',
          data: {
            applicationId: command.applicationId,
            applicationNumber: command.applicationNumber,
            personId: command.personId,
            unionId: command.unionId,
            occupation: command.occupation,
            employer: checked.employer,
            streetCode: command.streetCode,
            stationId: command.stationId,
            channel: command.channel,
          },
        },
      ];
    }
    case 'AmendApplication': {
      if (state.status === 'none') return membershipError('application_not_found', '入会申请不存在');
      if (state.status !== 'info_requested') return membershipError('application_not_awaiting_info', '申请目前不需要补充材料');
      const checked = checkDetails(command, command.unionActive);
      if (checked instanceof DomainError) return checked;
      return [
        {
          type: 'ApplicationAmended',
          data: {
            applicationId: state.applicationId,
            unionId: command.unionId,
            occupation: command.occupation,
            employer: checked.employer,
            streetCode: command.streetCode,
            personalDataChanged: command.personalDataChanged,
          },
        },
      ];
    }
    case 'RequestInfo': {
      if (state.status === 'none') return membershipError('application_not_found', '入会申请不存在');
      if (state.status !== 'submitted') return membershipError('application_not_pending', '只能对待审核的申请要求补充材料');
      const note = checkEventText(command.note, 'note', { max: NOTE_MAX, label: '补充说明' });
      if (note instanceof DomainError) return note;
      return [{ type: 'ApplicationInfoRequested', data: { applicationId: state.applicationId, fields: [...new Set(command.fields)], note } }];
    }
    case 'ApproveApplication': {
      const refused = requirePending(state);
      if (refused) return refused;
      if (command.existingMembershipId !== null) {
        return membershipError('already_member', '申请人已是会员', undefined, { membershipId: command.existingMembershipId });
      }
      if (!command.unionActive) return membershipError('union_not_accepting', '所选工会已不再接收会员', 'unionId');
      return [
        {
          type: 'ApplicationApproved',
          data: { applicationId: state.applicationId, membershipId: command.membershipId, cardNumber: command.cardNumber },
        },
      ];
    }
    case 'RejectApplication': {
      const refused = requirePending(state);
      if (refused) return refused;
      const note = checkEventText(command.note, 'note', { max: NOTE_MAX, label: '备注', allowEmpty: true });
      if (note instanceof DomainError) return note;
      return [{ type: 'ApplicationRejected', data: { applicationId: state.applicationId, reason: command.reason, note } }];
    }
    default:
      return assertNever(command, 'application command');
  }
}

function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  switch (event.type) {
    case 'ApplicationSubmitted':
      return {
        ...state,
        status: 'submitted',
        applicationId: event.data.applicationId,
        applicationNumber: event.data.applicationNumber,
        personId: event.data.personId,
        unionId: event.data.unionId,
        occupation: event.data.occupation,
        employer: event.data.employer,
        streetCode: event.data.streetCode,
      };
    case 'ApplicationInfoRequested':
      return { ...state, status: 'info_requested' };
    case 'ApplicationAmended': {
      const { unionId, occupation, employer, streetCode } = event.data;
      return { ...state, status: 'submitted', unionId, occupation, employer, streetCode };
    }
    case 'ApplicationApproved':
      return { ...state, status: 'approved', membershipId: event.data.membershipId };
    case 'ApplicationRejected':
      return { ...state, status: 'rejected' };
    default:
      return assertNever(event, 'application event');
  }
}

export const applicationDecider: Decider<ApplicationCommand, ApplicationEvent, ApplicationState> = { decide, evolve, initialState };
