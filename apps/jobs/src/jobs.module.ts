import { DynamicModule, Module } from '@nestjs/common';
import { deriveKey } from '@ws/kernel';
import { CommandRunner, NotifyResponders, PERSONAL_DATA_OWNER, PlatformModule, PlatformOptions, REPORT_FIGURES_SOURCE, ReportFiguresController, ReportFiguresResponder } from '@ws/platform';
import { verificationCodesProvider } from '@ws/verification';
import { EmployerGuard, JobsAccess, SeekerGuard } from './access/jobs-access';
import { jobsMigrations } from './db/migrations';
import { SignInController } from './accounts/sign-in/sign-in.controller';
import { SignInHandler } from './accounts/sign-in/sign-in.handler';
import { ApplyForPostingController } from './application/apply-for-posting/apply-for-posting.controller';
import { ApplyForPostingHandler } from './application/apply-for-posting/apply-for-posting.handler';
import { ChooseApplicantsController } from './application/choose-applicants/choose-applicants.controller';
import { ChooseApplicantsHandler } from './application/choose-applicants/choose-applicants.handler';
import { FollowApplicationsController } from './application/follow-applications/follow-applications.controller';
import { FollowApplicationsHandler } from './application/follow-applications/follow-applications.handler';
import { HireApplicantController } from './application/hire-applicant/hire-applicant.controller';
import { HireApplicantHandler } from './application/hire-applicant/hire-applicant.handler';
import { RateWorkController } from './application/rate-work/rate-work.controller';
import { RateWorkHandler } from './application/rate-work/rate-work.handler';
import { EmployerAccountController } from './employer/employer-account/employer-account.controller';
import { EmployerAccountHandler } from './employer/employer-account/employer-account.handler';
import { RegisterEmployerController } from './employer/register-employer/register-employer.controller';
import { AccountRegistration } from './accounts/account-registration';
import { RegisterEmployerHandler } from './employer/register-employer/register-employer.handler';
import { ReviewEmployerController } from './employer/review-employer/review-employer.controller';
import { ReviewEmployerHandler } from './employer/review-employer/review-employer.handler';
import { RunFairController } from './fair/run-fair/run-fair.controller';
import { RunFairHandler } from './fair/run-fair/run-fair.handler';
import { ScheduleFairController } from './fair/schedule-fair/schedule-fair.controller';
import { ScheduleFairHandler } from './fair/schedule-fair/schedule-fair.handler';
import { ViewFairsController } from './fair/view-fairs/view-fairs.controller';
import { ViewFairsHandler } from './fair/view-fairs/view-fairs.handler';
import { ManagePostingController } from './posting/manage-posting/manage-posting.controller';
import { ManagePostingHandler } from './posting/manage-posting/manage-posting.handler';
import { ReportPostingController } from './posting/report-posting/report-posting.controller';
import { ReportPostingHandler } from './posting/report-posting/report-posting.handler';
import { ReviewPostingController } from './posting/review-posting/review-posting.controller';
import { ReviewPostingHandler } from './posting/review-posting/review-posting.handler';
import { ViewPostingController } from './posting/view-posting/view-posting.controller';
import { ViewPostingHandler } from './posting/view-posting/view-posting.handler';
import { EraseSeekerController } from './seeker/erase-seeker/erase-seeker.controller';
import { EraseSeekerHandler } from './seeker/erase-seeker/erase-seeker.handler';
import { EraseEmployerContactController } from './employer/erase-employer-contact/erase-employer-contact.controller';
import { EraseEmployerContactHandler } from './employer/erase-employer-contact/erase-employer-contact.handler';
import { ErasureCodes } from './accounts/erasure-codes';
import { ManageProfileController } from './seeker/manage-profile/manage-profile.controller';
import { ManageProfileHandler } from './seeker/manage-profile/manage-profile.handler';
import { RegisterSeekerController } from './seeker/register-seeker/register-seeker.controller';
import { RegisterSeekerHandler } from './seeker/register-seeker/register-seeker.handler';
import { JOBS_ERRORS } from './errors';
import { JOBS_CONFIG, jobsConfig } from './jobs.config';
import type { JobsConfig } from './jobs.config';
import { PostingExpirySweeper } from './posting/expiry-sweeper/posting-expiry-sweeper';
import { ApplicationBoardProjection } from './read-models/applications.projection';
import { EmployerBoardProjection, PostingBoardProjection } from './read-models/boards.projection';
import { SeekerMatchProjection } from './read-models/seeker-match.projection';
import { StationPointsProjection } from './read-models/station-points.projection';
import { FairBoardProjection } from './read-models/fairs.projection';
import { FiguresController } from './figures/figures.controller';
import { JobsReportFiguresSource } from './figures/jobs-report-figures';
import { JobsFiguresProjection } from './figures/figures.projection';
import { InboxController } from './matching/inbox.controller';
import { PostingMatcher } from './matching/posting-matcher';
import { JobsDataOwner } from './notify/jobs-data-owner';
import { SearchController } from './search/search.controller';
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
      controllers: [
        SignInController, ApplyForPostingController, ChooseApplicantsController, FollowApplicationsController, HireApplicantController, RateWorkController, EmployerAccountController, RegisterEmployerController, ReviewEmployerController, RunFairController, ScheduleFairController, ViewFairsController, ManagePostingController, ReportPostingController, ReviewPostingController, ViewPostingController, ManageProfileController, RegisterSeekerController, EraseSeekerController, EraseEmployerContactController,
        FiguresController, InboxController, LabelsController, ReportFiguresController, SearchController,
      ],
      providers: [
        { provide: JOBS_CONFIG, useValue: { ...jobsConfig(), ...jobs } },
        CommandRunner,
        SignInHandler, ApplyForPostingHandler, ChooseApplicantsHandler, FollowApplicationsHandler, HireApplicantHandler, RateWorkHandler, EmployerAccountHandler, RegisterEmployerHandler, ReviewEmployerHandler, RunFairHandler, ScheduleFairHandler, ViewFairsHandler, ManagePostingHandler, ReportPostingHandler, ReviewPostingHandler, ViewPostingHandler, ManageProfileHandler, RegisterSeekerHandler, EraseSeekerHandler, EraseEmployerContactHandler, ErasureCodes,
        JobsVault,
        JobsAccess,
        AccountRegistration,
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
