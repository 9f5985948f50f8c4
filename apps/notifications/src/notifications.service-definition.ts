import { ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { NotificationsOptions } from './notifications.config';
import { NotificationsModule } from './notifications.module';

/** Everything needed to migrate and build the notifications service: used by main, the start script and tests. */
export function notificationsDefinition(config: ServiceConfig, options: NotificationsOptions): ServiceDefinition {
  return {
    config,
    module: NotificationsModule.register(config, options),
    title: 'Intercity notifications',
    description:
      "Tells the right people what changed or is due (a liaison of their exchange's changes, registrants of an activity's, grant officers of " +
      'reports submitted, a liaison of a report due or overdue, the visitors of a visit next week, the person a seat is offered to): by e-mail, ' +
      'in the in-app inbox and by webhook (signed per Standard Webhooks), in their language, immediately or in a daily or weekly digest, never in ' +
      'their quiet hours; exactly once per person and channel. People, members and activities come from the other services\u2019 events.',
    migrations: NOTIFICATIONS_MIGRATIONS,
    consumes: true,
  };
}
