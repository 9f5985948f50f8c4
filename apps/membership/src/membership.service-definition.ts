import { ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { MEMBERSHIP_MIGRATIONS } from './migrations';
import { MembershipModule } from './membership.module';

/** Everything needed to migrate and build the membership service: used by main, the start script and tests. */
export function membershipDefinition(config: ServiceConfig): ServiceDefinition {
  return {
    config,
    module: MembershipModule.register(config),
    title: 'Intercity membership',
    description:
      'Networks, their projects, member organisations and their part in projects, the people who work for members, ' +
      'and the nodes that are home to them. Every change is an event (membership.*). Errors are application/problem+json; ' +
      'updates carry an ETag and honour If-Match; POSTs honour Idempotency-Key.',
    migrations: MEMBERSHIP_MIGRATIONS,
    // A city node keeps copies of what the hub writes; the hub and a standalone node only publish.
    consumes: config.FEDERATION_ROLE === 'city',
  };
}
