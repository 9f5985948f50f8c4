import { ISO_4217_CODES } from '@intercity/contracts';
import { CURRENCY_CODES } from '@intercity/domain';

// Contracts depend on nothing, so they repeat the domain's currency list; this keeps the two equal.
describe('currency codes', () => {
  it('are the same in the contracts and the domain', () => {
    expect([...ISO_4217_CODES].sort()).toEqual([...CURRENCY_CODES].sort());
  });
});
