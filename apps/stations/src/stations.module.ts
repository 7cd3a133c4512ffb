import { DynamicModule, Module } from '@nestjs/common';
import { CommandRunner, PlatformModule, PlatformOptions } from '@ws/platform';
import { UploadsModule } from '@ws/uploads';
import type { UploadsConfig } from '@ws/uploads';
import { ActivityCommands } from './activity/activity-commands';
import { CancelActivityController } from './activity/cancel-activity/cancel-activity.controller';
import { HoldActivityController } from './activity/hold-activity/hold-activity.controller';
import { HoldActivityHandler } from './activity/hold-activity/hold-activity.handler';
import { PlanActivityController } from './activity/plan-activity/plan-activity.controller';
import { RescheduleActivityController } from './activity/reschedule-activity/reschedule-activity.controller';
import { SignUpController } from './activity/sign-up/sign-up.controller';
import { UploadActivityPhotoController } from './activity/upload-activity-photo/upload-activity-photo.controller';
import { ActivitiesController, ActivityFiguresController } from './read-models/activities/activities.controller';
import { ActivitiesProjection } from './read-models/activities/activities.projection';
import { AdoptStandardController } from './catalogue/adopt-standard/adopt-standard.controller';
import { RecordCheckinsController } from './checkin/record-checkins/record-checkins.controller';
import { RecordCheckinsHandler } from './checkin/record-checkins/record-checkins.handler';
import { stationsMigrations } from './db/migrations';
import { STATIONS_ERRORS } from './errors';
import { ComplianceController } from './read-models/compliance/compliance.controller';
import { CoverageController } from './read-models/coverage/coverage.controller';
import { AcknowledgeDirectiveController } from './directive/acknowledge-directive/acknowledge-directive.controller';
import { AcknowledgeDirectiveHandler } from './directive/acknowledge-directive/acknowledge-directive.handler';
import { AmendDeadlineController } from './directive/amend-deadline/amend-deadline.controller';
import { DirectiveCommands } from './directive/directive-commands';
import { IssueDirectiveController } from './directive/issue-directive/issue-directive.controller';
import { IssueDirectiveHandler } from './directive/issue-directive/issue-directive.handler';
import { WithdrawDirectiveController } from './directive/withdraw-directive/withdraw-directive.controller';
import { DirectiveInbox } from './directive/inbox/directive-inbox';
import { DirectoryController } from './read-models/directory/directory.controller';
import { DirectoryProjection } from './read-models/directory/directory.projection';
import { DirectiveReceiptsProjection } from './read-models/directives/directive-receipts.projection';
import { DirectivesController } from './read-models/directives/directives.controller';
import { IssuedDirectivesProjection } from './read-models/directives/issued-directives.projection';
import { NearestController } from './read-models/nearest/nearest.controller';
import { StationLocator } from './read-models/nearest/station-locator.service';
import { AdoptedStandardsProjection } from './read-models/standards/adopted-standards.projection';
import { VisitsController } from './read-models/visits/visits.controller';
import { VisitsProjection } from './read-models/visits/visits.projection';
import { AssignManagerController } from './station/assign-manager/assign-manager.controller';
import { AwardHonourController } from './station/award-honour/award-honour.controller';
import { ChangeFacilitiesController } from './station/change-facilities/change-facilities.controller';
import { ClassifyStationController } from './station/classify-station/classify-station.controller';
import { CloseStationController } from './station/close-station/close-station.controller';
import { CompleteUpgradeController } from './station/complete-upgrade/complete-upgrade.controller';
import { OfferServiceController } from './station/offer-service/offer-service.controller';
import { PlanUpgradeController } from './station/plan-upgrade/plan-upgrade.controller';
import { PublishNoticeController } from './station/publish-notice/publish-notice.controller';
import { PublishNoticeHandler } from './station/publish-notice/publish-notice.handler';
import { RegisterStationController } from './station/register-station/register-station.controller';
import { RelocateStationController } from './station/relocate-station/relocate-station.controller';
import { ReopenStationController } from './station/reopen-station/reopen-station.controller';
import { ReviewStationController } from './station/review-station/review-station.controller';
import { ReviewStationHandler } from './station/review-station/review-station.handler';
import { StationCommands } from './station/station-commands';
import { SuspendStationController } from './station/suspend-station/suspend-station.controller';
import { UpdateStationController } from './station/update-station/update-station.controller';
import { WithdrawServiceController } from './station/withdraw-service/withdraw-service.controller';
import { LabelsController } from './catalogue/labels.controller';
import { StreetsController } from './read-models/directory/streets.controller';
import { WelfareCardVault } from './welfare/welfare-card-vault';
import { WelfareCommands } from './welfare/welfare-commands';
import { HandOutController } from './welfare/hand-out/hand-out.controller';
import { HandOutHandler } from './welfare/hand-out/hand-out.handler';
import { ReadMemberCardsController } from './welfare/read-member-cards/read-member-cards.controller';
import { ReadMemberCardsHandler } from './welfare/read-member-cards/read-member-cards.handler';
import { ReceiveStockController } from './welfare/receive-stock/receive-stock.controller';
import { WelfareFiguresController, WelfareStockController } from './read-models/welfare/welfare.controller';
import { WelfareProjection } from './read-models/welfare/welfare.projection';
import { AdjustBudgetController } from './funds/adjust-budget/adjust-budget.controller';
import { AllocateBudgetController } from './funds/allocate-budget/allocate-budget.controller';
import { AllocateBudgetHandler } from './funds/allocate-budget/allocate-budget.handler';
import { RecordSpendingController } from './funds/record-spending/record-spending.controller';
import { RecordSpendingHandler } from './funds/record-spending/record-spending.handler';
import { FundsReadController } from './read-models/funds/funds-read.controller';
import { FundFiguresController } from './read-models/funds/fund-figures.controller';
import { ReviewMeasuresController } from './read-models/reviews/review-measures.controller';
import { WishRatingsProjection } from './read-models/wish-ratings/wish-ratings.projection';
import { FundsProjection } from './read-models/funds/funds.projection';
import { LEGAL_AID_VAULT_KEY, LegalAidVault, legalAidVaultKey } from './legal-aid/legal-aid-vault';
import { LegalCaseCommands } from './legal-aid/legal-case-commands';
import { ProgressCaseController } from './legal-aid/progress-case/progress-case.controller';
import { EraseWorkerController } from './legal-aid/erase-worker/erase-worker.controller';
import { EraseWorkerHandler } from './legal-aid/erase-worker/erase-worker.handler';
import { ReadWorkerController } from './legal-aid/read-worker/read-worker.controller';
import { ReadWorkerHandler } from './legal-aid/read-worker/read-worker.handler';
import { ReceiveCaseController } from './legal-aid/receive-case/receive-case.controller';
import { ReceiveCaseHandler } from './legal-aid/receive-case/receive-case.handler';
import { LegalCasesController } from './read-models/legal-aid/legal-cases.controller';
import { LegalAidFiguresController } from './read-models/legal-aid/legal-aid-figures.controller';
import { LegalCasesProjection } from './read-models/legal-aid/legal-cases.projection';
import { CloseProgrammeController } from './programme/close-programme/close-programme.controller';
import { LaunchProgrammeController } from './programme/launch-programme/launch-programme.controller';
import { ProgrammeCommands } from './programme/programme-commands';
import { RecordDeliveryController } from './programme/record-delivery/record-delivery.controller';
import { RecordDeliveryHandler } from './programme/record-delivery/record-delivery.handler';
import { ProgrammeFiguresController, ProgrammesController } from './read-models/programmes/programmes.controller';
import { ProgrammesProjection } from './read-models/programmes/programmes.projection';
import { ReportSources } from './read-models/reports/report-sources';
import { ReportsController } from './read-models/reports/reports.controller';
import { StationLinkController } from './station-link/station-link.controller';
import { STATION_LINK_CONFIG, stationLinkConfig } from './station-link/station-link';
import type { StationLinkConfig } from './station-link/station-link';
import { type IngestLimitsConfig, ingestLimitsConfig, StationIngestLimits } from './checkin/ingest-limits';

export const STATIONS_SERVICE = 'stations';

export interface StationsOverrides extends Partial<Pick<PlatformOptions, 'config' | 'clock'>> {
  stationLink?: StationLinkConfig;
  legalAidVaultKey?: string;
  ingestLimits?: IngestLimitsConfig;
  /** The activities' photos; default: from the environment (PHOTO_STORE, PHOTO_DIR, PHOTO_URL_SECRET …). */
  uploads?: UploadsConfig;
}

/** The stations service (驿站): register, facilities, check-ins, reviews; activities and their photos; welfare; directives; directory, visits, coverage, activity and welfare figures; the ratings of wishes posted at stations. */
@Module({})
export class StationsModule {
  static forRoot(overrides: StationsOverrides = {}): DynamicModule {
    const { stationLink, legalAidVaultKey: vaultKey, ingestLimits, uploads, ...platform } = overrides;
    return {
      module: StationsModule,
      imports: [
        PlatformModule.forService({ service: STATIONS_SERVICE, migrations: stationsMigrations, errors: STATIONS_ERRORS, ...platform }),
        // Photos of activities held: uploaded by who may record them (UploadActivityPhotoController), not by anyone.
        UploadsModule.forService(uploads, { upload: 'own-route' }),
      ],
      controllers: [
        RegisterStationController,
        UpdateStationController,
        RelocateStationController,
        SuspendStationController,
        ReopenStationController,
        CloseStationController,
        ChangeFacilitiesController,
        AssignManagerController,
        PublishNoticeController,
        ClassifyStationController,
        PlanUpgradeController,
        CompleteUpgradeController,
        OfferServiceController,
        WithdrawServiceController,
        ReviewStationController,
        AwardHonourController,
        AdoptStandardController,
        RecordCheckinsController,
        DirectoryController,
        NearestController,
        ComplianceController,
        CoverageController,
        VisitsController,
        IssueDirectiveController,
        WithdrawDirectiveController,
        AmendDeadlineController,
        AcknowledgeDirectiveController,
        DirectivesController,
        StationLinkController,
        LabelsController,
        StreetsController,
        PlanActivityController,
        UploadActivityPhotoController,
        HoldActivityController,
        RescheduleActivityController,
        CancelActivityController,
        SignUpController,
        ActivitiesController,
        ActivityFiguresController,
        ReceiveStockController,
        HandOutController,
        ReadMemberCardsController,
        WelfareFiguresController,
        WelfareStockController,
        LaunchProgrammeController,
        RecordDeliveryController,
        CloseProgrammeController,
        ProgrammesController,
        ProgrammeFiguresController,
        AllocateBudgetController,
        AdjustBudgetController,
        RecordSpendingController,
        FundsReadController,
        FundFiguresController,
        ReviewMeasuresController,
        ReceiveCaseController,
        ProgressCaseController,
        ReadWorkerController,
        EraseWorkerController,
        LegalCasesController,
        LegalAidFiguresController,
        ReportsController,
      ],
      providers: [
        // Station, directive, activity and welfare events each stamped with their schema version.
        { provide: STATION_LINK_CONFIG, useValue: stationLink ?? stationLinkConfig() },
        CommandRunner,
        StationCommands,
        PublishNoticeHandler,
        ReviewStationHandler,
        RecordCheckinsHandler,
        { provide: StationIngestLimits, useValue: new StationIngestLimits(ingestLimits ?? ingestLimitsConfig()) },
        StationLocator,
        DirectoryProjection,
        AdoptedStandardsProjection,
        VisitsProjection,
        DirectiveCommands,
        IssueDirectiveHandler,
        AcknowledgeDirectiveHandler,
        DirectiveInbox,
        IssuedDirectivesProjection,
        DirectiveReceiptsProjection,
        ActivityCommands,
        HoldActivityHandler,
        ActivitiesProjection,
        WelfareCommands,
        HandOutHandler,
        ReadMemberCardsHandler,
        WelfareProjection,
        ProgrammeCommands,
        RecordDeliveryHandler,
        ProgrammesProjection,
        FundsProjection,
        AllocateBudgetHandler,
        RecordSpendingHandler,
        { provide: LEGAL_AID_VAULT_KEY, useValue: vaultKey ?? legalAidVaultKey() },
        LegalAidVault,
        LegalCaseCommands,
        ReceiveCaseHandler,
        ReadWorkerHandler,
        EraseWorkerHandler,
        WelfareCardVault,
        LegalCasesProjection,
        WishRatingsProjection,
        ReportSources,
      ],
    };
  }
}
