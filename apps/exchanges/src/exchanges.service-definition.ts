import { ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { ExchangesModule } from './exchanges.module';
import { EXCHANGES_MIGRATIONS } from './migrations';

/** Everything needed to migrate and build the exchanges service: used by main, the start script and tests. */
export function exchangesDefinition(config: ServiceConfig): ServiceDefinition {
  return {
    config,
    module: ExchangesModule.register(config),
    title: 'Intercity exchanges',
    description:
      'Staff exchanges: two cities of a community of practice pair up; first the implementing city visits the mentoring city, then the other way ' +
      "round, five working days each in the host's calendar (weekends, public holidays of the host's country and region, and blackouts do not count). " +
      'The scheduling assistant proposes the earliest windows and says why each earlier date was skipped. Members, people, communities and ' +
      'activities come from membership and practice events (copies kept here). Every change is an event (exchanges.*). Errors are ' +
      'application/problem+json; updates carry an ETag; POSTs honour Idempotency-Key. On a city node, reads answer from copies of the hub\'s ' +
      'pairings (their visits, visitors, programmes and reports) and blackouts, the visit calendar feeds and the scheduling assistant ' +
      'included, and writes get 409 naming the hub.',
    migrations: EXCHANGES_MIGRATIONS,
    consumes: true,
  };
}
