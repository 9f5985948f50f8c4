import { loadServiceConfig, serviceMain } from '@intercity/platform';
import { loadGrantsOptions } from './grants.config';
import { grantsDefinition } from './grants.service-definition';

serviceMain(() => grantsDefinition(loadServiceConfig('grants', 3004), loadGrantsOptions()));
