import { DynamicModule, Module } from '@nestjs/common';
import { deriveKey } from '@ws/kernel';
import { CommandRunner, NotifyResponders, REPORT_FIGURES_SOURCE, ReportFiguresController, ReportFiguresResponder, PERSONAL_DATA_OWNER, PlatformModule, PlatformOptions } from '@ws/platform';
import { UploadsModule } from '@ws/uploads';
import type { UploadsConfig } from '@ws/uploads';
import { verificationCodesProvider } from '@ws/verification';
import { DISPATCH_ERRORS } from './dispatch.errors';
import { DispatchReportFiguresSource } from './read-models/report-figures/dispatch-report-figures';
import { DISPATCH_CONFIG, dispatchConfig } from './dispatch.config';
import type { DispatchConfig } from './dispatch.config';
import { dispatchMigrations } from './db/migrations';
import { DispatchDataOwner } from './notify/dispatch-data-owner';
import { DispatchLabelsController } from './labels/labels.controller';
import { HoursController } from './read-models/hours/hours.controller';
import { HoursProjection } from './read-models/hours/hours.projection';
import { ShiftsController } from './read-models/shifts/shifts.controller';
import { ShiftsProjection } from './read-models/shifts/shifts.projection';
import { StatsController } from './read-models/stats/stats.controller';
import { TasksController } from './read-models/tasks/tasks.controller';
import { TasksProjection } from './read-models/tasks/tasks.projection';
import { VolunteersController } from './read-models/volunteers/volunteers.controller';
import { VolunteersProjection } from './read-models/volunteers/volunteers.projection';
import { RecordHoursController } from './shift/record-hours/record-hours.controller';
import { ScheduleRotaController } from './shift/schedule-rota/schedule-rota.controller';
import { ScheduleRotaHandler } from './shift/schedule-rota/schedule-rota.handler';
import { SwapShiftController } from './shift/swap-shift/swap-shift.controller';
import { SwapShiftHandler } from './shift/swap-shift/swap-shift.handler';
import { WishesReaction } from './reactions/wishes.reaction';
import { CancelTaskController } from './task/cancel-task/cancel-task.controller';
import { CancelTaskHandler } from './task/cancel-task/cancel-task.handler';
import { RespondInvitationController } from './task/respond-invitation/respond-invitation.controller';
import { RespondInvitationHandler } from './task/respond-invitation/respond-invitation.handler';
import { DispatchSweeper } from './task/sweeper/dispatch-sweeper';
import { TaskDispatcher } from './task/task-dispatcher';
import { WorkOnTaskController } from './task/work-on-task/work-on-task.controller';
import { VolunteerAccess } from './volunteer/access/volunteer-access';
import { VolunteerGuard } from './volunteer/access/volunteer-auth';
import { ChangeAvailabilityController } from './volunteer/change-availability/change-availability.controller';
import { ManageVolunteerController } from './volunteer/manage-volunteer/manage-volunteer.controller';
import { ManageVolunteerHandler } from './volunteer/manage-volunteer/manage-volunteer.handler';
import { RegisterVolunteerController } from './volunteer/register-volunteer/register-volunteer.controller';
import { RegisterVolunteerHandler } from './volunteer/register-volunteer/register-volunteer.handler';
import { VolunteerVault } from './volunteer/vault/volunteer-vault';
import { VolunteerSessionController } from './volunteer/volunteer-session/volunteer-session.controller';
import { VolunteerSessionHandler } from './volunteer/volunteer-session/volunteer-session.handler';

export const DISPATCH_SERVICE = 'dispatch';

export interface DispatchModuleOptions extends Partial<Pick<PlatformOptions, 'config' | 'clock'>> {
  dispatch?: Partial<DispatchConfig>;
  /** The volunteers' proof photos; default: from the environment (PHOTO_STORE, PHOTO_DIR, PHOTO_URL_SECRET …). */
  uploads?: UploadsConfig;
}

/** The dispatch service (统一派单): volunteers, shifts, tasks and invitations; boards, hours, coverage. */
@Module({})
export class DispatchModule {
  static forRoot(options: DispatchModuleOptions = {}): DynamicModule {
    const { dispatch, uploads, ...platform } = options;
    return {
      module: DispatchModule,
      imports: [PlatformModule.forService({ service: DISPATCH_SERVICE, migrations: dispatchMigrations, errors: DISPATCH_ERRORS, ...platform }), UploadsModule.forService(uploads)],
      controllers: [
        ReportFiguresController,
        DispatchLabelsController,
        RegisterVolunteerController,
        VolunteerSessionController,
        ChangeAvailabilityController,
        ManageVolunteerController,
        VolunteersController,
        ScheduleRotaController,
        SwapShiftController,
        RecordHoursController,
        ShiftsController,
        RespondInvitationController,
        WorkOnTaskController,
        CancelTaskController,
        TasksController,
        HoursController,
        StatsController,
      ],
      providers: [
        { provide: DISPATCH_CONFIG, useValue: { ...dispatchConfig(), ...dispatch } },
        CommandRunner,
        TaskDispatcher,
        WishesReaction,
        DispatchSweeper,
        VolunteerVault,
        VolunteerAccess,
        RegisterVolunteerHandler,
        VolunteerSessionHandler,
        ManageVolunteerHandler,
        ScheduleRotaHandler,
        SwapShiftHandler,
        RespondInvitationHandler,
        CancelTaskHandler,
        { provide: PERSONAL_DATA_OWNER, useClass: DispatchDataOwner },
        NotifyResponders,
        { provide: REPORT_FIGURES_SOURCE, useClass: DispatchReportFiguresSource },
        ReportFiguresResponder,
        verificationCodesProvider({ inject: DISPATCH_CONFIG, key: (config: DispatchConfig) => deriveKey(config.vaultKey, 'verification-codes') }),
        VolunteerGuard,
        VolunteersProjection,
        TasksProjection,
        HoursProjection,
        ShiftsProjection,
      ],
    };
  }
}
