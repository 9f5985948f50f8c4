import { hubBaseUrlOf, ServiceUnderTest, TestCityNode } from '@intercity/service-testing';
import { grantsDefinition } from '../../src/grants.service-definition';

export { CITY_NODE_ID, HubEnvelope } from '@intercity/service-testing';
export const HUB_BASE_URL = hubBaseUrlOf('grants');

/** Grants alone on a city node (see TestCityNode), its scheduled watch off. */
export class GrantsCityNode extends TestCityNode {
  grants!: ServiceUnderTest;

  constructor() {
    super('grants');
  }

  async startGrants(): Promise<void> {
    this.grants = await this.startService((config) => grantsDefinition(config, { watchEveryMs: 0 }));
  }
}
