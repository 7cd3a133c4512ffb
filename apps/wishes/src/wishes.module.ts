import { DynamicModule, Module } from '@nestjs/common';
import { CommandRunner, NotifyResponders, REPORT_FIGURES_SOURCE, ReportFiguresController, ReportFiguresResponder, PERSONAL_DATA_OWNER, PlatformModule, PlatformOptions } from '@ws/platform';
import { WishesReportFiguresSource } from './read-models/report-figures/wishes-report-figures';
import { wishesMigrations } from './db/migrations';
import { DecideDemandController } from './demand/decide-demand/decide-demand.controller';
import { DecideDemandHandler } from './demand/decide-demand/decide-demand.handler';
import { WISHES_ERRORS } from './errors';
import { WishesDataOwner } from './notify/wishes-data-owner';
import { WallController } from './read-models/board/wall.controller';
import { OfficerListsController } from './read-models/board/officer-lists.controller';
import { WishBoardProjection } from './read-models/board/wish-board.projection';
import { DecisionsController } from './read-models/decisions/decisions.controller';
import { DecisionsProjection } from './read-models/decisions/decisions.projection';
import { ReportsController } from './read-models/reports/reports.controller';
import { ReportsProjection } from './read-models/reports/reports.projection';
import { StatsController } from './read-models/stats/stats.controller';
import { KnownStationsProjection } from './read-models/stations/known-stations.projection';
import { ReviewReportController } from './report/review-report/review-report.controller';
import { ReviewReportHandler } from './report/review-report/review-report.handler';
import { SubmitReportController } from './report/submit-report/submit-report.controller';
import { SubmitReportHandler } from './report/submit-report/submit-report.handler';
import { DispatchReaction } from './reactions/dispatch.reaction';
import { AuthorAnswerController } from './wish/author-answer/author-answer.controller';
import { AuthorAnswerHandler } from './wish/author-answer/author-answer.handler';
import { ContactVault } from './wish/vault/contact-vault';
import { DeadlineSweeper } from './wish/deadline-sweeper/deadline-sweeper';
import { ModerateWishController } from './wish/moderate-wish/moderate-wish.controller';
import { ModerateWishHandler } from './wish/moderate-wish/moderate-wish.handler';
import { PostWishController } from './wish/post-wish/post-wish.controller';
import { PostWishHandler } from './wish/post-wish/post-wish.handler';
import { SecondWishController } from './wish/second-wish/second-wish.controller';
import { SecondWishHandler } from './wish/second-wish/second-wish.handler';
import { ContactController } from './wish/show-contact/show-contact.controller';
import { ShowContactHandler } from './wish/show-contact/show-contact.handler';
import { WishCommands } from './wish/wish-commands';
import { WishLabelsController } from './wish/labels.controller';
import { UploadsModule } from '@ws/uploads';
import type { UploadsConfig } from '@ws/uploads';
import { WISHES_CONFIG, WishesConfig, wishesConfig } from './wishes.config';

export const WISHES_SERVICE = 'wishes';

export interface WishesOverrides extends Partial<Pick<PlatformOptions, 'config' | 'clock'>> {
  wishes?: WishesConfig;
  /** Default: from the environment (PHOTO_STORE, PHOTO_DIR, PHOTO_URL_SECRET …). */
  uploads?: UploadsConfig;
}

/** The wishes service (心愿墙 → 需求清单 → 统一派单, 随手拍): wall, demand lists, overdue list, reports, their photos. */
@Module({})
export class WishesModule {
  static forRoot(overrides: WishesOverrides = {}): DynamicModule {
    const { wishes, uploads, ...platform } = overrides;
    return {
      module: WishesModule,
      imports: [PlatformModule.forService({ service: WISHES_SERVICE, migrations: wishesMigrations, errors: WISHES_ERRORS, ...platform }), UploadsModule.forService(uploads)],
      controllers: [
        ReportFiguresController,
        PostWishController,
        ModerateWishController,
        SecondWishController,
        AuthorAnswerController,
        ContactController,
        DecideDemandController,
        SubmitReportController,
        ReviewReportController,
        WallController,
        OfficerListsController,
        DecisionsController,
        ReportsController,
        StatsController,
        WishLabelsController,
      ],
      providers: [
        { provide: WISHES_CONFIG, useValue: wishes ?? wishesConfig() },
        CommandRunner,
        WishCommands,
        ContactVault,
        { provide: PERSONAL_DATA_OWNER, useClass: WishesDataOwner },
        NotifyResponders,
        { provide: REPORT_FIGURES_SOURCE, useClass: WishesReportFiguresSource },
        ReportFiguresResponder,
        PostWishHandler,
        ModerateWishHandler,
        DecideDemandHandler,
        SecondWishHandler,
        AuthorAnswerHandler,
        ShowContactHandler,
        SubmitReportHandler,
        ReviewReportHandler,
        DeadlineSweeper,
        DispatchReaction,
        KnownStationsProjection,
        WishBoardProjection,
        DecisionsProjection,
        ReportsProjection,
      ],
    };
  }
}
