import { ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { GrantsOptions } from './grants.config';
import { GrantsModule } from './grants.module';
import { GRANTS_MIGRATIONS } from './migrations';

/** Everything needed to migrate and build the grants service: used by main, the start script and tests. */
export function grantsDefinition(config: ServiceConfig, options: GrantsOptions): ServiceDefinition {
  return {
    config,
    module: GrantsModule.register(config, options),
    title: 'Intercity grants',
    description:
      'Grant programmes and the sub-grants they award to cities for their action plans: budget lines, tranches released on conditions ' +
      '(409 naming each unmet one), disbursements, expenditure reports, milestones, and the officer\'s watch (JSON, CSV, XLSX). Money is ' +
      'always {"amountMinor": "<integer minor units as a string>", "currency": "<ISO 4217>"}; a JSON number is refused. The database holds ' +
      'the envelope, the per-recipient maximum, budget lines adding up and disbursed within awarded, also under concurrent requests. ' +
      'Members and projects come from membership\'s events (copies kept here). Every change is an event (grants.*). On a city node, reads ' +
      'answer from copies of the hub\'s programmes, sub-grants, milestones and reports, and writes get 409 naming the hub.',
    migrations: GRANTS_MIGRATIONS,
    consumes: true,
  };
}
