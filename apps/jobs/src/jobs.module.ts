import { DynamicModule, Module } from '@nestjs/common';
import { deriveKey } from '@ws/kernel';
import { CommandRunner, NotifyResponders, PERSONAL_DATA_OWNER, PlatformModule, PlatformOptions, REPORT_FIGURES_SOURCE, ReportFiguresController, ReportFiguresResponder } from '@ws/platform';
import { verificationCodesProvider } from '@ws/verification';
import { EmployerGuard, JobsAccess, SeekerGuard } from './access/jobs-access';
import { AccountsController } from './accounts/accounts.controller';
import { ApplicationsController } from './application/applications.controller';
import { jobsMigrations } from './db/migrations';
import { EmployersController } from './employer/employers.controller';
import { JOBS_ERRORS } from './errors';
import { JOBS_CONFIG, jobsConfig } from './jobs.config';
import type { JobsConfig } from './jobs.config';
import { PostingExpirySweeper } from './posting/expiry-sweeper/posting-expiry-sweeper';
import { PostingsController } from './posting/postings.controller';
import { ApplicationBoardProjection } from './read-models/applications.projection';
import { EmployerBoardProjection, PostingBoardProjection } from './read-models/boards.projection';
import { SeekerMatchProjection } from './read-models/seeker-match.projection';
import { StationPointsProjection } from './read-models/station-points.projection';
import { FairsController } from './fair/fairs.controller';
import { FairBoardProjection } from './read-models/fairs.projection';
import { FiguresController } from './figures/figures.controller';
import { JobsReportFiguresSource } from './figures/jobs-report-figures';
import { JobsFiguresProjection } from './figures/figures.projection';
import { InboxController } from './matching/inbox.controller';
import { PostingMatcher } from './matching/posting-matcher';
import { JobsDataOwner } from './notify/jobs-data-owner';
import { SearchController } from './search/search.controller';
import { SeekersController } from './seeker/seekers.controller';
import { LabelsController } from './labels/labels.controller';
import { JobsVault } from './vault/jobs-vault';

export const JOBS_SERVICE = 'jobs';

export interface JobsModuleOptions extends Partial<Pick<PlatformOptions, 'config' | 'clock'>> {
  jobs?: Partial<JobsConfig>;
}

/**
 * 零工之家: employers post work, seekers near home find it, the union reviews both and counts
 * what came of it. Personal data stays in the service's vault; events carry ids.
 */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions = {}): DynamicModule {
    const { jobs, ...platform } = options;
    return {
      module: JobsModule,
      imports: [PlatformModule.forService({ service: JOBS_SERVICE, migrations: jobsMigrations, errors: JOBS_ERRORS, ...platform })],
      controllers: [AccountsController, ApplicationsController, EmployersController, FairsController, FiguresController, InboxController, LabelsController, PostingsController, ReportFiguresController, SearchController, SeekersController],
      providers: [
        { provide: JOBS_CONFIG, useValue: { ...jobsConfig(), ...jobs } },
        CommandRunner,
        JobsVault,
        JobsAccess,
        SeekerGuard,
        EmployerGuard,
        verificationCodesProvider({ inject: JOBS_CONFIG, key: (config: JobsConfig) => deriveKey(config.vaultKey, 'verification-codes') }),
        EmployerBoardProjection,
        PostingBoardProjection,
        ApplicationBoardProjection,
        StationPointsProjection,
        SeekerMatchProjection,
        PostingMatcher,
        JobsFiguresProjection,
        FairBoardProjection,
        PostingExpirySweeper,
        { provide: REPORT_FIGURES_SOURCE, useClass: JobsReportFiguresSource },
        ReportFiguresResponder,
        { provide: PERSONAL_DATA_OWNER, useClass: JobsDataOwner },
        NotifyResponders,
      ],
    };
  }
}
