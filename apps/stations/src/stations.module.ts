import { DynamicModule, Module } from '@nestjs/common';
import { DIRECTIVE_EVENT_SCHEMAS, STATION_EVENT_SCHEMAS } from '@ws/contracts';
import { CommandRunner, EVENT_SCHEMAS, PlatformModule, PlatformOptions } from '@ws/platform';
import { AdoptStandardController } from './catalogue/adopt-standard/adopt-standard.controller';
import { RecordCheckinsController } from './checkin/record-checkins/record-checkins.controller';
import { RecordCheckinsService } from './checkin/record-checkins/record-checkins.service';
import { stationsMigrations } from './db/migrations';
import './errors';
import { ComplianceController } from './read-models/compliance/compliance.controller';
import { CoverageController } from './read-models/coverage/coverage.controller';
import { DirectiveCommandHandler } from './directive/directive-command.handler';
import { DirectiveController } from './directive/directive.controller';
import { DirectiveReceiptHandler } from './directive/directive-receipt.handler';
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
import { StationCommandHandler } from './station/station-command.handler';
import { StationController } from './station/station.controller';

export const STATIONS_SERVICE = 'stations';

/** The stations service (驿站): register, facilities, check-ins, reviews; directives; directory, visits, coverage. */
@Module({})
export class StationsModule {
  static forRoot(overrides: Partial<Pick<PlatformOptions, 'config' | 'clock'>> = {}): DynamicModule {
    return {
      module: StationsModule,
      imports: [PlatformModule.forService({ service: STATIONS_SERVICE, migrations: stationsMigrations, ...overrides })],
      controllers: [
        StationController,
        AdoptStandardController,
        RecordCheckinsController,
        DirectoryController,
        NearestController,
        ComplianceController,
        CoverageController,
        VisitsController,
        DirectiveController,
        DirectivesController,
      ],
      providers: [
        // Station and directive events each stamped with their schema version.
        { provide: EVENT_SCHEMAS, useValue: { ...STATION_EVENT_SCHEMAS, ...DIRECTIVE_EVENT_SCHEMAS } },
        CommandRunner,
        StationCommandHandler,
        RecordCheckinsService,
        StationLocator,
        DirectoryProjection,
        AdoptedStandardsProjection,
        VisitsProjection,
        DirectiveCommandHandler,
        DirectiveReceiptHandler,
        DirectiveInbox,
        IssuedDirectivesProjection,
        DirectiveReceiptsProjection,
      ],
    };
  }
}
