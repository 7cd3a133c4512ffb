import type { StationEvent } from '@ws/contracts';
import { assertNever, type Decider } from '@ws/kernel';
import { stationsError } from '../errors';
import { decideAssignManager } from './assign-manager/assign-manager.command';
import { decideAwardHonour } from './award-honour/award-honour.command';
import { decideChangeFacilities } from './change-facilities/change-facilities.command';
import { decideClassifyStation } from './classify-station/classify-station.command';
import { decidePublishNotice } from './publish-notice/publish-notice.command';
import { decideCloseStation } from './close-station/close-station.command';
import { decideCompleteUpgrade } from './complete-upgrade/complete-upgrade.command';
import { decideOfferService } from './offer-service/offer-service.command';
import { decidePlanUpgrade } from './plan-upgrade/plan-upgrade.command';
import { decideRegisterStation } from './register-station/register-station.command';
import { decideRelocateStation } from './relocate-station/relocate-station.command';
import { decideReopenStation } from './reopen-station/reopen-station.command';
import { decideReviewStation } from './review-station/review-station.command';
import type { StationCommand } from './station.command';
import { evolveStation, initialStationState, type StationState } from './station.state';
import { decideSuspendStation } from './suspend-station/suspend-station.command';
import { decideUpdateStation } from './update-station/update-station.command';
import { decideWithdrawService } from './withdraw-service/withdraw-service.command';

/**
 * A station (驿站) as a decider. Rules shared by every command live here: only a registration
 * starts a stream, and a closed station refuses everything. A command that would change nothing
 * (same details, same facilities, same manager …) decides no events rather than an error, so a
 * client may safely resend it.
 */
export const stationDecider: Decider<StationCommand, StationEvent, StationState> = {
  initialState: initialStationState,
  evolve: evolveStation,
  decide(command, state, context) {
    if (command.type === 'RegisterStation') return decideRegisterStation(command, state);
    if (state.status === 'unregistered') return stationsError('station_not_found', `驿站 ${command.stationId} 不存在`, 'stationId');
    if (state.status === 'closed') return stationsError('station_closed', '驿站已关闭，不再受理变更');
    switch (command.type) {
      case 'UpdateStation':
        return decideUpdateStation(command, state);
      case 'RelocateStation':
        return decideRelocateStation(command, state);
      case 'SuspendStation':
        return decideSuspendStation(command, state, context);
      case 'ReopenStation':
        return decideReopenStation(command, state);
      case 'CloseStation':
        return decideCloseStation(command);
      case 'ChangeFacilities':
        return decideChangeFacilities(command, state);
      case 'AssignManager':
        return decideAssignManager(command, state);
      case 'PlanUpgrade':
        return decidePlanUpgrade(command, state, context);
      case 'CompleteUpgrade':
        return decideCompleteUpgrade(command, state);
      case 'OfferService':
        return decideOfferService(command, state, context);
      case 'WithdrawService':
        return decideWithdrawService(command, state);
      case 'ReviewStation':
        return decideReviewStation(command, state, context);
      case 'AwardHonour':
        return decideAwardHonour(command, state, context);
      case 'PublishNotice':
        return decidePublishNotice(command, state);
      case 'ClassifyStation':
        return decideClassifyStation(command, state);
      default:
        return assertNever(command, 'station command');
    }
  },
};
