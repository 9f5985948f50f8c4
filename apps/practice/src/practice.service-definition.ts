import { ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { PRACTICE_MIGRATIONS } from './migrations';
import { PracticeOptions } from './practice.config';
import { PracticeModule } from './practice.module';

/** Everything needed to migrate and build the practice service: used by main, the start script and tests. */
export function practiceDefinition(config: ServiceConfig, options: PracticeOptions): ServiceDefinition {
  return {
    config,
    module: PracticeModule.register(config, options),
    title: 'Intercity practice',
    description:
      'Communities of practice, their activities, registrations with waitlists and offers, attendance and learning records. ' +
      "Members and people come from membership's events (copies kept here), so practice keeps working while membership is down. " +
      'Every change is an event (practice.*). Errors are application/problem+json; updates carry an ETag and honour If-Match; ' +
      'POSTs honour Idempotency-Key. On a city node, reads answer from copies of the hub\'s communities, activities, registrations, ' +
      'attendance, programmes and resources (certificates are issued and rendered at the hub), and writes get 409 naming the hub.',
    migrations: PRACTICE_MIGRATIONS,
    consumes: true,
  };
}
