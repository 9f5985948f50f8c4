import { loadServiceConfig, serviceMain } from '@intercity/platform';
import { membershipDefinition } from './membership.service-definition';

serviceMain(() => membershipDefinition(loadServiceConfig('membership', 3001)));
