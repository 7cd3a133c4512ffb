import { ErasureRequestsController } from './personal-data/erasure/erasure-requests.controller';
import { ErasureRequestsHandler } from './personal-data/erasure/erasure-requests.handler';
import { ErasureRequestsProjection } from './read-models/erasure/erasure-requests.projection';
import { ShopRedemptionsController } from './read-models/redemptions/shop-redemptions.controller';
import { ShopRedemptionsProjection } from './read-models/redemptions/shop-redemptions.projection';
import { DynamicModule, Module } from '@nestjs/common';
import { CommandRunner, NotifyResponders, REPORT_FIGURES_SOURCE, ReportFiguresController, ReportFiguresResponder, PERSONAL_DATA_OWNER, PlatformModule, PlatformOptions } from '@ws/platform';
import { deriveKey } from '@ws/kernel';
import { verificationCodesProvider } from '@ws/verification';
import { MembershipReportFiguresSource } from './read-models/report-figures/membership-report-figures';
import { LookupApplicationController } from './application/lookup/lookup-application.controller';
import { ApplicantLimits } from './application/applicant-limits';
import { LookupApplicationHandler } from './application/lookup/lookup-application.handler';
import { ReviewApplicationController } from './application/review/review-application.controller';
import { ReviewApplicationHandler } from './application/review/review-application.handler';
import { SubmitApplicationsController } from './application/submit/submit-applications.controller';
import { SubmitApplicationsHandler } from './application/submit/submit-applications.handler';
import { membershipMigrations } from './db/migrations';
import { MembershipLabelsController } from './labels/labels.controller';
import { MemberSelfController } from './member-session/member-self.controller';
import { MemberSessionController } from './member-session/member-session.controller';
import { MemberSessions } from './member-session/member-sessions';
import { MEMBERSHIP_CONFIG, MembershipConfig, membershipConfig } from './membership-config';
import { MEMBERSHIP_ERRORS } from './membership.errors';
import { ChangeStatusController } from './memberships/change-status/change-status.controller';
import { ChangeStatusHandler } from './memberships/change-status/change-status.handler';
import { LinkVolunteerController } from './memberships/link-volunteer/link-volunteer.controller';
import { TransferController } from './memberships/transfer/transfer.controller';
import { TransferHandler } from './memberships/transfer/transfer.handler';
import { ErasePersonController } from './personal-data/erasure/erase-person.controller';
import { ErasePersonHandler } from './personal-data/erasure/erase-person.handler';
import { PersonalDataVault } from './personal-data/personal-data.vault';
import { PII_KEYS, PiiKeys, piiKeysFromEnv } from './personal-data/pii-keys';
import { BookPointsController } from './points/book-points/book-points.controller';
import { BookPointsHandler } from './points/book-points/book-points.handler';
import { ApplicationQueueController } from './read-models/applications/application-queue.controller';
import { ApplicationQueueProjection } from './read-models/applications/application-queue.projection';
import { MembersController } from './read-models/members/members.controller';
import { MembersProjection } from './read-models/members/members.projection';
import { PointsBalancesController } from './read-models/points/points-balances.controller';
import { PointsBalancesProjection } from './read-models/points/points-balances.projection';
import { ShopStockController } from './read-models/shop/shop-stock.controller';
import { MembershipStatsController } from './read-models/stats/membership-stats.controller';
import { ShopStockProjection } from './read-models/shop/shop-stock.projection';
import { TransfersController } from './read-models/transfers/transfers.controller';
import { TransfersProjection } from './read-models/transfers/transfers.projection';
import { UnionsController } from './read-models/unions/unions.controller';
import { UnionsProjection } from './read-models/unions/unions.projection';
import { ManageItemsController } from './shop/manage-items/manage-items.controller';
import { RedeemController } from './shop/redeem/redeem.controller';
import { RedeemHandler } from './shop/redeem/redeem.handler';
import { RewardsReaction } from './reactions/rewards.reaction';
import { HandoverService } from './transfer-federation/handover.service';
import { TransferInbox } from './transfer-federation/transfer-inbox';
import { TransferRouter } from './transfer-federation/transfer-router';
import { MembershipDataOwner } from './notify/membership-data-owner';
import { ManageUnionsController } from './union/manage-unions/manage-unions.controller';
import { ManageUnionsHandler } from './union/manage-unions/manage-unions.handler';
import { SuggestUnionController } from './union/suggest-union/suggest-union.controller';

export const MEMBERSHIP_SERVICE = 'membership';

export interface MembershipOverrides extends Partial<Pick<PlatformOptions, 'config' | 'clock'>> {
  piiKeys?: PiiKeys;
  membership?: MembershipConfig;
}

/**
 * The membership service (入会): unions, join applications, member cards, transfers, points and
 * the points shop, with personal data only in the encrypted vault.
 */
@Module({})
export class MembershipModule {
  static forRoot(overrides: MembershipOverrides = {}): DynamicModule {
    const { piiKeys, membership, ...platform } = overrides;
    return {
      module: MembershipModule,
      imports: [PlatformModule.forService({ service: MEMBERSHIP_SERVICE, migrations: membershipMigrations, errors: MEMBERSHIP_ERRORS, ...platform })],
      controllers: [
        ReportFiguresController,
        SubmitApplicationsController,
        LookupApplicationController,
        ReviewApplicationController,
        ApplicationQueueController,
        ManageUnionsController,
        SuggestUnionController,
        UnionsController,
        MembersController,
        MembershipStatsController,
        ChangeStatusController,
        TransferController,
        TransfersController,
        LinkVolunteerController,
        ErasePersonController,
        ErasureRequestsController,
        BookPointsController,
        PointsBalancesController,
        ManageItemsController,
        ShopStockController,
        RedeemController,
        ShopRedemptionsController,
        MemberSessionController,
        MemberSelfController,
        MembershipLabelsController,
      ],
      providers: [
        { provide: PII_KEYS, useValue: piiKeys ?? piiKeysFromEnv() },
        { provide: MEMBERSHIP_CONFIG, useValue: membership ?? membershipConfig() },
        PersonalDataVault,
        CommandRunner,
        RewardsReaction,
        { provide: PERSONAL_DATA_OWNER, useClass: MembershipDataOwner },
        NotifyResponders,
        { provide: REPORT_FIGURES_SOURCE, useClass: MembershipReportFiguresSource },
        ReportFiguresResponder,
        verificationCodesProvider({ inject: PII_KEYS, key: (keys: PiiKeys) => deriveKey(keys.hmacKey.toString('hex'), 'verification-codes') }),
        SubmitApplicationsHandler,
        ApplicantLimits,
        LookupApplicationHandler,
        ReviewApplicationHandler,
        ManageUnionsHandler,
        ChangeStatusHandler,
        TransferHandler,
        ErasePersonHandler,
        ErasureRequestsHandler,
        BookPointsHandler,
        RedeemHandler,
        MemberSessions,
        HandoverService,
        TransferRouter,
        TransferInbox,
        UnionsProjection,
        MembersProjection,
        ApplicationQueueProjection,
        TransfersProjection,
        PointsBalancesProjection,
        ShopStockProjection,
        ShopRedemptionsProjection,
        ErasureRequestsProjection,
      ],
    };
  }
}
