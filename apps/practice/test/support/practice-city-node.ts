import { hubBaseUrlOf, ServiceUnderTest, TestCityNode } from '@intercity/service-testing';
import { practiceDefinition } from '../../src/practice.service-definition';

export { CITY_NODE_ID, HubEnvelope } from '@intercity/service-testing';
export const HUB_BASE_URL = hubBaseUrlOf('practice');

/** Practice alone on a city node (see TestCityNode), offers lapsing on their own schedule only. */
export class PracticeCityNode extends TestCityNode {
  practice!: ServiceUnderTest;

  constructor() {
    super('practice');
  }

  async startPractice(): Promise<void> {
    this.practice = await this.startService((config) => practiceDefinition(config, { offerValidForHours: 48, offerSweepMs: 0 }));
  }
}
