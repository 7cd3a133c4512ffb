import type { AssignManager } from './assign-manager/assign-manager.command';
import type { ClassifyStation } from './classify-station/classify-station.command';
import type { PublishNotice } from './publish-notice/publish-notice.command';
import type { AwardHonour } from './award-honour/award-honour.command';
import type { ChangeFacilities } from './change-facilities/change-facilities.command';
import type { CloseStation } from './close-station/close-station.command';
import type { CompleteUpgrade } from './complete-upgrade/complete-upgrade.command';
import type { OfferService } from './offer-service/offer-service.command';
import type { PlanUpgrade } from './plan-upgrade/plan-upgrade.command';
import type { RegisterStation } from './register-station/register-station.command';
import type { RelocateStation } from './relocate-station/relocate-station.command';
import type { ReopenStation } from './reopen-station/reopen-station.command';
import type { ReviewStation } from './review-station/review-station.command';
import type { SuspendStation } from './suspend-station/suspend-station.command';
import type { UpdateStation } from './update-station/update-station.command';
import type { WithdrawService } from './withdraw-service/withdraw-service.command';

export type {
  AssignManager,
  AwardHonour,
  ChangeFacilities,
  ClassifyStation,
  PublishNotice,
  CloseStation,
  CompleteUpgrade,
  OfferService,
  PlanUpgrade,
  RegisterStation,
  RelocateStation,
  ReopenStation,
  ReviewStation,
  SuspendStation,
  UpdateStation,
  WithdrawService,
};

/** Every command on a station stream; each use-case folder holds its type and its decision. */
export type StationCommand =
  | RegisterStation
  | UpdateStation
  | RelocateStation
  | SuspendStation
  | ReopenStation
  | CloseStation
  | ChangeFacilities
  | AssignManager
  | PlanUpgrade
  | CompleteUpgrade
  | OfferService
  | WithdrawService
  | ReviewStation
  | AwardHonour
  | PublishNotice
  | ClassifyStation;

export type StationCommandType = StationCommand['type'];
