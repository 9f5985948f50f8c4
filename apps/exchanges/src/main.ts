import { loadServiceConfig, serviceMain } from '@intercity/platform';
import { exchangesDefinition } from './exchanges.service-definition';

serviceMain(() => exchangesDefinition(loadServiceConfig('exchanges', 3003)));
