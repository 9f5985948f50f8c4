import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DIRECTORY_FOLLOWER, DirectoryConsumer, DirectoryCopies } from '@intercity/directory';
import { IdempotencyInterceptor, PlatformModule, ServiceConfig } from '@intercity/platform';
import { BlackoutController } from './blackout/blackout.controller';
import { BlackoutRepository } from './blackout/blackout.repository';
import { BlackoutService } from './blackout/blackout.service';
import { CityCalendars } from './calendar/city-calendars';
import { VisitCalendarController } from './calendar/visit-calendar.controller';
import { VisitCalendarRepository } from './calendar/visit-calendar.repository';
import { VisitCalendarService } from './calendar/visit-calendar.service';
import { CommitmentRepository } from './copies/commitment.repository';
import { CommunityCopies } from './copies/community.copies';
import { ExchangesFollower } from './copies/exchanges-follower';
import { PracticeCopiesConsumer } from './copies/practice-copies.consumer';
import { HubCopiesConsumer } from './hub-copies/hub-copies.consumer';
import { HubCopiesRepository } from './hub-copies/hub-copies.repository';
import { EXCHANGES_MIGRATIONS } from './migrations';
import { PairingController } from './pairing/pairing.controller';
import { PairingRepository } from './pairing/pairing.repository';
import { PairingService } from './pairing/pairing.service';
import { SchedulingController } from './scheduling/scheduling.controller';
import { SchedulingService } from './scheduling/scheduling.service';
import { EXCHANGES_READS, OwnExchangesReads } from './shared/exchanges-reads';
import { Clock } from '@intercity/platform';

/**
 * Staff exchanges: pairings of two cities of a community, their two visits on real working days,
 * the scheduling assistant, and blackouts; with copies of membership's directory and practice's
 * communities and activities, so it keeps working while they are down. On a city node, which writes
 * none of exchanges' aggregates, it also keeps copies of the hub's and serves its reads from them.
 */
@Module({})
export class ExchangesModule {
  static register(config: ServiceConfig): DynamicModule {
    const city = config.FEDERATION_ROLE === 'city';
    return {
      module: ExchangesModule,
      imports: [PlatformModule.forService({ config, entities: [], migrations: EXCHANGES_MIGRATIONS })],
      controllers: [
        PairingController,
        SchedulingController,
        BlackoutController,
        VisitCalendarController,
        DirectoryConsumer,
        PracticeCopiesConsumer,
        // The hub and a standalone node hold the originals: only a city reads exchanges' own stream.
        ...(city ? [HubCopiesConsumer] : []),
      ],
      providers: [
        Clock,
        DirectoryCopies,
        { provide: DIRECTORY_FOLLOWER, useClass: ExchangesFollower },
        CommunityCopies,
        CommitmentRepository,
        BlackoutRepository,
        BlackoutService,
        CityCalendars,
        VisitCalendarRepository,
        VisitCalendarService,
        PairingRepository,
        HubCopiesRepository,
        {
          provide: EXCHANGES_READS,
          inject: [PairingRepository, BlackoutRepository, VisitCalendarRepository, CommitmentRepository, HubCopiesRepository],
          useFactory: (pairings: PairingRepository, blackouts: BlackoutRepository, visits: VisitCalendarRepository, commitments: CommitmentRepository, copies: HubCopiesRepository) =>
            city ? copies : new OwnExchangesReads(pairings, blackouts, visits, commitments),
        },
        PairingService,
        SchedulingService,
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
      ],
    };
  }
}
