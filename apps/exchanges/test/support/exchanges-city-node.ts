import { hubBaseUrlOf, ServiceUnderTest, TestCityNode } from '@intercity/service-testing';
import { exchangesDefinition } from '../../src/exchanges.service-definition';

export { CITY_NODE_ID, HubEnvelope } from '@intercity/service-testing';
export const HUB_BASE_URL = hubBaseUrlOf('exchanges');

/** Exchanges alone on a city node (see TestCityNode). */
export class ExchangesCityNode extends TestCityNode {
  exchanges!: ServiceUnderTest;

  constructor() {
    super('exchanges');
  }

  async startExchanges(): Promise<void> {
    this.exchanges = await this.startService((config) => exchangesDefinition(config));
  }
}
