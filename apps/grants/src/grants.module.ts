import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DirectoryConsumer, DirectoryCopies } from '@intercity/directory';
import { Clock, IdempotencyInterceptor, JobsModule, PlatformModule, ServiceConfig } from '@intercity/platform';
import { ExpenditureReportController } from './expenditure/expenditure-report.controller';
import { ReportCopiesConsumer } from './expenditure/expenditure-report.consumer';
import { ExpenditureReportService } from './expenditure/expenditure-report.service';
import { HubHomedGrantsWrites, MemberHomesConsumer, ReportHomes } from './expenditure/report-homes';
import { GRANTS_OPTIONS, GrantsOptions } from './grants.config';
import { GRANTS_MIGRATIONS } from './migrations';
import { MilestoneController } from './milestone/milestone.controller';
import { MilestoneService } from './milestone/milestone.service';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeService } from './programme/programme.service';
import { HubCopiesConsumer } from './hub-copies/hub-copies.consumer';
import { HubCopiesRepository } from './hub-copies/hub-copies.repository';
import { GrantsContext } from './shared/grants-context';
import { GRANTS_READS, OwnGrantsReads } from './shared/persistence/grants-reads';
import { MoneyJsonInterceptor } from './shared/money-json.interceptor';
import { GrantsRepository } from './shared/persistence/grants.repository';
import { SubGrantController } from './sub-grant/sub-grant.controller';
import { SubGrantService } from './sub-grant/sub-grant.service';
import { WATCH_QUEUE, WatchCheck } from './watch/watch-check.jobs';
import { WatchController } from './watch/watch.controller';
import { WatchService } from './watch/watch.service';

/**
 * Grant tracking: programmes, sub-grants for cities' action plans, tranches released on
 * conditions, expenditure reports, milestones, the officer's watch and its scheduled check; with
 * copies of members and projects from membership's events. On a city node, which writes only its
 * city's expenditure reports, it also keeps copies of the hub's aggregates and serves its reads
 * from them; the hub keeps copies of the reports cities write on their own nodes.
 */
@Module({})
export class GrantsModule {
  static register(config: ServiceConfig, options: GrantsOptions): DynamicModule {
    const city = config.FEDERATION_ROLE === 'city';
    const hub = config.FEDERATION_ROLE === 'hub';
    return {
      module: GrantsModule,
      imports: [PlatformModule.forService({ config, entities: [], migrations: GRANTS_MIGRATIONS }), JobsModule.forService(config, [WATCH_QUEUE])],
      controllers: [
        ProgrammeController,
        SubGrantController,
        ExpenditureReportController,
        MilestoneController,
        WatchController,
        DirectoryConsumer,
        MemberHomesConsumer,
        // The hub and a standalone node hold the originals: only a city reads grants' own stream,
        // and the hub a city's reports (written on the city's node) in it.
        ...(city ? [HubCopiesConsumer] : []),
        ...(city || hub ? [ReportCopiesConsumer] : []),
      ],
      providers: [
        { provide: GRANTS_OPTIONS, useValue: options },
        Clock,
        DirectoryCopies,
        GrantsRepository,
        HubCopiesRepository,
        {
          provide: GRANTS_READS,
          inject: [GrantsRepository, HubCopiesRepository],
          useFactory: (own: GrantsRepository, copies: HubCopiesRepository) => (city ? copies : new OwnGrantsReads(own)),
        },
        GrantsContext,
        ProgrammeService,
        SubGrantService,
        ExpenditureReportService,
        ReportHomes,
        MilestoneService,
        WatchService,
        WatchCheck,
        { provide: APP_GUARD, useClass: HubHomedGrantsWrites },
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: MoneyJsonInterceptor },
      ],
    };
  }
}
