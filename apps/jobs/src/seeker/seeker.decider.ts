import { checkIdNumber, checkMobile, checkName, GeoPoint, isJobCategory, isJobSkill, isPayMode, PUSH_DAILY_CAP, SeekerEvent, SeekerPreferences, TRAVEL_RADIUS_KM } from '@ws/contracts';
import { assertNever, DecideContext, Decider, DomainError } from '@ws/kernel';
import { checkLocation, checkMembers, checkSlots, checkStreetCode } from '../shared/checks';
import { jobsError } from '../errors';

export interface SeekerState {
  registered: boolean;
  /** 注销: the key is gone, nothing of the person is left to change. */
  erased: boolean;
  seekerId: string;
  pushes: boolean;
  dailyCap: number;
}

/** What the seeker types for 实名认证: checked here, sealed in the vault (`profileRef`), never in an event. */
export interface SeekerIdentity {
  name: string;
  idNumber: string;
  mobile: string;
}

export type SeekerCommand =
  | {
      type: 'RegisterSeeker';
      seekerId: string;
      identity: SeekerIdentity;
      /** The mobile's code was verified before the command was made. */
      mobileVerified: boolean;
      /** Kept in the vault row beside the identity (matching reads it there). */
      home: GeoPoint;
      profileRef: string;
      preferences: SeekerPreferences;
    }
  | { type: 'ChangePreferences'; preferences: SeekerPreferences }
  | { type: 'ChangePushes'; pushes: boolean; dailyCap: number }
  /** The seeker's own request, confirmed by a code to their mobile before the command was made. */
  | { type: 'EraseSeeker' };

export function initialSeekerState(): SeekerState {
  return { registered: false, erased: false, seekerId: '', pushes: true, dailyCap: PUSH_DAILY_CAP.default };
}

/** A job seeker (求职者): real-name verified once, then their wishes and 精准推送 settings change. */
export const seekerDecider: Decider<SeekerCommand, SeekerEvent, SeekerState> = {
  initialState: initialSeekerState,
  evolve(state, event) {
    switch (event.type) {
      case 'SeekerRegistered':
        return { ...state, registered: true, seekerId: event.data.seekerId };
      case 'SeekerPreferencesChanged':
        return state;
      case 'SeekerPushesChanged':
        return { ...state, pushes: event.data.pushes, dailyCap: event.data.dailyCap };
      case 'SeekerErased':
        return { ...state, erased: true, pushes: false };
      default:
        return assertNever(event, 'seeker event');
    }
  },
  decide(command, state, { now }: DecideContext) {
    if (state.erased && command.type !== 'RegisterSeeker') return erased();
    switch (command.type) {
      case 'RegisterSeeker': {
        if (state.registered) return [];
        const refusal = checkIdentity(command.identity, now) ?? checkLocation(command.home, 'home') ?? checkPreferences(command.preferences);
        if (refusal) return refusal;
        if (!command.mobileVerified) return jobsError('mobile_not_verified', '请先验证手机号（短信验证码）', 'mobileCode');
        return [{ type: 'SeekerRegistered', data: { ...command.preferences, seekerId: command.seekerId, profileRef: command.profileRef } }];
      }
      case 'ChangePreferences':
        if (!state.registered) return notFound();
        return checkPreferences(command.preferences) ?? [{ type: 'SeekerPreferencesChanged', data: { ...command.preferences, seekerId: state.seekerId } }];
      case 'ChangePushes':
        if (!state.registered) return notFound();
        if (!Number.isInteger(command.dailyCap) || command.dailyCap < 1 || command.dailyCap > PUSH_DAILY_CAP.max) {
          return jobsError('validation_failed', `每天最多推送 1–${PUSH_DAILY_CAP.max} 条`, 'dailyCap');
        }
        if (command.pushes === state.pushes && command.dailyCap === state.dailyCap) return [];
        return [{ type: 'SeekerPushesChanged', data: { seekerId: state.seekerId, pushes: command.pushes, dailyCap: command.dailyCap } }];
      case 'EraseSeeker':
        if (!state.registered) return notFound();
        return [{ type: 'SeekerErased', data: { seekerId: state.seekerId } }];
      default:
        return assertNever(command, 'seeker command');
    }
  },
};

/** 实名认证: the name as on the card, the ID number with its check digit, a mainland mobile. */
export function checkIdentity(identity: SeekerIdentity, now: Date): DomainError | null {
  const name = checkName(identity.name);
  if (!name.ok) return jobsError(name.code, name.message, 'name');
  const idNumber = checkIdNumber(identity.idNumber, now);
  if (!idNumber.ok) return jobsError(idNumber.code, idNumber.message, 'idNumber');
  const mobile = checkMobile(identity.mobile);
  if (!mobile.ok) return jobsError(mobile.code, mobile.message, 'mobile');
  return null;
}

export function checkPreferences(preferences: SeekerPreferences): DomainError | null {
  const radius = preferences.travelRadiusKm;
  if (!Number.isFinite(radius) || radius < TRAVEL_RADIUS_KM.min || radius > TRAVEL_RADIUS_KM.max) {
    return jobsError('validation_failed', `通勤距离应为 ${TRAVEL_RADIUS_KM.min}–${TRAVEL_RADIUS_KM.max} 公里`, 'travelRadiusKm');
  }
  return (
    checkMembers(preferences.categories, isJobCategory, 'categories', '想找的工种', 1) ??
    checkMembers(preferences.skills, isJobSkill, 'skills', '技能') ??
    checkMembers(preferences.payModes, isPayMode, 'payModes', '结算方式') ??
    checkSlots(preferences.availability, 'availability') ??
    checkStreetCode(preferences.homeStreetCode, 'homeStreetCode')
  );
}

function erased(): DomainError {
  return jobsError('personal_data_erased', '个人信息已注销');
}

function notFound(): DomainError {
  return jobsError('seeker_not_found', '没有这个求职者');
}
