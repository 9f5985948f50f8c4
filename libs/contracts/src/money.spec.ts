// Through the library's entry point, as consumers load it (it brings the Reflect polyfill).
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { ExchangeRateV1, ISO_4217_CODES, MoneyV1, SignedMoneyV1, validatePayload } from './index';

class AwardV1 {
  @ValidateNested() @Type(() => MoneyV1) awarded!: MoneyV1;
}

const check = (cls: new () => object, plain: unknown) => validatePayload(cls, plain, { strict: true }).violations.map((v) => `${v.field} ${v.rule}`);

describe('money on the wire', () => {
  it('takes minor units as a string of digits and an ISO 4217 code', () => {
    expect(check(MoneyV1, { amountMinor: '2500000', currency: 'EUR' })).toEqual([]);
    expect(check(MoneyV1, { amountMinor: '0', currency: 'PLN' })).toEqual([]);
    expect(check(MoneyV1, { amountMinor: '9223372036854775807', currency: 'EUR' })).toEqual([]);
    expect(check(SignedMoneyV1, { amountMinor: '-150', currency: 'EUR' })).toEqual([]);
  });

  it('round-trips through JSON unchanged', () => {
    const plain = { awarded: { amountMinor: '6000000', currency: 'EUR' } };
    const { value, violations } = validatePayload(AwardV1, JSON.parse(JSON.stringify(plain)), { strict: true });
    expect(violations).toEqual([]);
    expect(value.awarded).toBeInstanceOf(MoneyV1);
    expect(JSON.parse(JSON.stringify(value))).toEqual(plain);
  });

  it.each([
    [2500000, 'amountMinor isString'],
    [25000.5, 'amountMinor isString'],
    ['25000.00', 'amountMinor isMinorUnits'],
    ['2.5e6', 'amountMinor isMinorUnits'],
    ['+100', 'amountMinor isMinorUnits'],
    ['-100', 'amountMinor isMinorUnits'],
    ['0100', 'amountMinor isMinorUnits'],
    ['', 'amountMinor isMinorUnits'],
    ['9223372036854775808', 'amountMinor isMinorUnits'],
  ])('refuses amountMinor %p', (amountMinor, violation) => {
    expect(check(MoneyV1, { amountMinor, currency: 'EUR' })).toContain(violation);
  });

  it('refuses "-0" and out-of-range negatives even where negatives are allowed', () => {
    expect(check(SignedMoneyV1, { amountMinor: '-0', currency: 'EUR' })).toEqual(['amountMinor isMinorUnits']);
    expect(check(SignedMoneyV1, { amountMinor: '-9223372036854775808', currency: 'EUR' })).toEqual(['amountMinor isMinorUnits']);
  });

  it.each(['eur', 'XYZ', 'XAU', '', 978])('refuses currency %p', (currency) => {
    expect(check(MoneyV1, { amountMinor: '100', currency })).toEqual(['currency isIn']);
  });

  it('names the nested field at fault', () => {
    expect(check(AwardV1, { awarded: { amountMinor: 60000.0, currency: 'EUR' } })).toEqual(expect.arrayContaining(['awarded.amountMinor isString', 'awarded.amountMinor isMinorUnits']));
  });

  it('lists each code once, upper case', () => {
    expect(new Set(ISO_4217_CODES).size).toBe(ISO_4217_CODES.length);
    expect(ISO_4217_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
  });

  it('records a conversion rate as a decimal string and its date', () => {
    const rate = { from: 'PLN', to: 'EUR', rate: '0.0893', rateDate: '2024-03-01' };
    expect(check(ExchangeRateV1, rate)).toEqual([]);
    expect(check(ExchangeRateV1, { ...rate, rate: 0.0893 })).toContain('rate isString');
    expect(check(ExchangeRateV1, { ...rate, rate: '0' })).toEqual(['rate matches']);
    expect(check(ExchangeRateV1, { ...rate, rate: '8.93e-2' })).toEqual(['rate matches']);
    expect(check(ExchangeRateV1, { ...rate, rateDate: '2024-02-30' })).toEqual(['rateDate isIso8601']);
    expect(check(ExchangeRateV1, { ...rate, rateDate: '2024-03-01T00:00:00Z' })).toEqual(['rateDate matches']);
  });
});
