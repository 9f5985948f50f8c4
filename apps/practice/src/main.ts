import { loadServiceConfig, serviceMain } from '@intercity/platform';
import { loadPracticeOptions } from './practice.config';
import { practiceDefinition } from './practice.service-definition';

serviceMain(() => practiceDefinition(loadServiceConfig('practice', 3002), loadPracticeOptions()));
