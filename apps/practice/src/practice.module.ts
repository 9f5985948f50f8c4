import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DIRECTORY_FOLLOWER, DirectoryConsumer, DirectoryCopies } from '@intercity/directory';
import { IdempotencyInterceptor, JobsModule, PlatformModule, ServiceConfig } from '@intercity/platform';
import { ActivityController } from './activity/activity.controller';
import { ActivityRepository } from './activity/activity.repository';
import { ActivityService } from './activity/activity.service';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceRepository } from './attendance/attendance.repository';
import { AttendanceService } from './attendance/attendance.service';
import { CertificateController } from './attendance/certificate.controller';
import { CertificateRepository } from './attendance/certificate.repository';
import { CertificateService } from './attendance/certificate.service';
import { ProgrammeController } from './attendance/programme.controller';
import { ProgrammeRepository } from './attendance/programme.repository';
import { ProgrammeService } from './attendance/programme.service';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarRepository } from './calendar/calendar.repository';
import { CalendarService } from './calendar/calendar.service';
import { CommunityController } from './community/community.controller';
import { CommunityRepository } from './community/community.repository';
import { CommunityService } from './community/community.service';
import { PracticeFollower } from './directory/practice-follower';
import { HubCopiesConsumer } from './hub-copies/hub-copies.consumer';
import { HubCopiesRepository } from './hub-copies/hub-copies.repository';
import { RosterRepository } from './directory/roster.repository';
import { PRACTICE_MIGRATIONS } from './migrations';
import { PRACTICE_OPTIONS, PracticeOptions } from './practice.config';
import { OFFER_QUEUE, OfferExpiryScheduler, OfferExpiryWorker } from './registration/offer-expiry.jobs';
import { RegistrationController } from './registration/registration.controller';
import { RegistrationRepository } from './registration/registration.repository';
import { RegistrationService } from './registration/registration.service';
import { ResourceController } from './resource/resource.controller';
import { ResourceRepository } from './resource/resource.repository';
import { ResourceService } from './resource/resource.service';
import { OwnPracticeReads, PRACTICE_READS } from './shared/persistence/practice-reads';

/**
 * Communities, activities, registrations and attendance, with copies of membership's members,
 * people, projects and participations. One module: the features lean on each other's
 * repositories (registering checks the community, a city leaving cancels registrations). On a
 * city node, which writes none of practice's aggregates, it also keeps copies of the hub's and
 * serves its reads from them.
 */
@Module({})
export class PracticeModule {
  static register(config: ServiceConfig, options: PracticeOptions): DynamicModule {
    const city = config.FEDERATION_ROLE === 'city';
    return {
      module: PracticeModule,
      imports: [PlatformModule.forService({ config, entities: [], migrations: PRACTICE_MIGRATIONS }), JobsModule.forService(config, [OFFER_QUEUE])],
      controllers: [
        CommunityController,
        ActivityController,
        RegistrationController,
        AttendanceController,
        CertificateController,
        ProgrammeController,
        CalendarController,
        ResourceController,
        DirectoryConsumer,
        OfferExpiryScheduler,
        // The hub and a standalone node hold the originals: only a city reads practice's own stream.
        ...(city ? [HubCopiesConsumer] : []),
      ],
      providers: [
        { provide: PRACTICE_OPTIONS, useValue: options },
        DirectoryCopies,
        { provide: DIRECTORY_FOLLOWER, useClass: PracticeFollower },
        RosterRepository,
        CommunityRepository,
        CommunityService,
        ActivityRepository,
        ActivityService,
        RegistrationRepository,
        RegistrationService,
        OfferExpiryWorker,
        AttendanceRepository,
        AttendanceService,
        CertificateRepository,
        CertificateService,
        ProgrammeRepository,
        ProgrammeService,
        CalendarRepository,
        CalendarService,
        ResourceRepository,
        ResourceService,
        HubCopiesRepository,
        {
          provide: PRACTICE_READS,
          inject: [HubCopiesRepository, CommunityRepository, ActivityRepository, CalendarRepository, RegistrationRepository, AttendanceRepository, ProgrammeRepository, ResourceRepository],
          useFactory: (
            copies: HubCopiesRepository,
            communities: CommunityRepository,
            activities: ActivityRepository,
            calendars: CalendarRepository,
            registrations: RegistrationRepository,
            sheets: AttendanceRepository,
            programmes: ProgrammeRepository,
            resources: ResourceRepository,
          ) => (city ? copies : new OwnPracticeReads({ communities, activities, calendars, registrations, sheets, programmes, resources })),
        },
        // Every POST honours Idempotency-Key; the interceptor ignores other methods.
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
      ],
    };
  }
}
