import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DIRECTORY_FOLLOWER, DirectoryConsumer, DirectoryCopies } from '@intercity/directory';
import { Clock, IdempotencyInterceptor, JobsModule, PlatformModule, ServiceConfig } from '@intercity/platform';
import { AudienceRepository } from './audience/audience.repository';
import { NotificationsFollower } from './audience/notifications-follower';
import { PracticeCopies } from './audience/practice-copies.consumer';
import { DeliveryJobs } from './delivery/delivery-jobs';
import { DeliveryRepository } from './delivery/delivery.repository';
import { NOTIFICATION_QUEUES } from './delivery/queues';
import { DigestService } from './digest/digest.service';
import { EMAIL_PROVIDERS } from './email';
import { InboxController } from './inbox/inbox.controller';
import { InboxRepository } from './inbox/inbox.repository';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from './notifications.config';
import { Dispatcher } from './pipeline/dispatcher';
import { EventsConsumer } from './pipeline/events.consumer';
import { NotificationPipeline } from './pipeline/notification-pipeline';
import { PreferenceController } from './preference/preference.controller';
import { PreferenceRepository } from './preference/preference.repository';
import { PreferenceService } from './preference/preference.service';
import { ReminderScheduler, ReminderWorker } from './reminder/reminder.scheduler';
import { PersonAccess } from './shared/person-access';
import { WEBHOOK_CONTROLLERS, WEBHOOK_PROVIDERS } from './webhook';

/**
 * Notifications: listens to every service's events and tells the right people, by e-mail, in
 * the inbox and by webhook, in their language, as they chose, exactly once; with its BullMQ
 * workers (e-mail, webhooks, reminders, housekeeping) in the same process.
 */
@Module({})
export class NotificationsModule {
  static register(config: ServiceConfig, options: NotificationsOptions): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PlatformModule.forService({ config, entities: [], migrations: NOTIFICATIONS_MIGRATIONS }), JobsModule.forService(config, NOTIFICATION_QUEUES)],
      controllers: [PreferenceController, InboxController, ...WEBHOOK_CONTROLLERS, DirectoryConsumer, EventsConsumer],
      providers: [
        { provide: NOTIFICATIONS_OPTIONS, useValue: options },
        Clock,
        DirectoryCopies,
        { provide: DIRECTORY_FOLLOWER, useClass: NotificationsFollower },
        AudienceRepository,
        PracticeCopies,
        PersonAccess,
        DeliveryRepository,
        DeliveryJobs,
        PreferenceRepository,
        PreferenceService,
        InboxRepository,
        NotificationPipeline,
        ReminderScheduler,
        ReminderWorker,
        DigestService,
        Dispatcher,
        ...EMAIL_PROVIDERS,
        ...WEBHOOK_PROVIDERS,
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
      ],
    };
  }
}
