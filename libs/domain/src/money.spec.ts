import fc from 'fast-check';
import {
  addMoney,
  allocate,
  compareMoney,
  convertMoney,
  CURRENCY_CODES,
  currencyDigits,
  CurrencyCode,
  divideRounded,
  ExchangeRate,
  formatMoney,
  isCurrencyCode,
  MAX_AMOUNT_MINOR,
  money,
  Money,
  moneyToJson,
  negateMoney,
  parseAmountMinor,
  parseExchangeRate,
  parseMoney,
  subtractMoney,
  sumMoney,
} from './money';
import { RuleViolation } from './rule-violation';

const eur = (n: bigint): Money => money(n, 'EUR');
const violation = (rule: string, field?: string) => expect.objectContaining(field ? { rule, field } : { rule });
const currency = fc.constantFrom(...CURRENCY_CODES);
const amount = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });

describe('currencies', () => {
  it('know every currency of the EU, EEA, Switzerland, the UK, the Balkans, Turkey and Ukraine, and the dollar', () => {
    const ours = ['EUR', 'BGN', 'CZK', 'DKK', 'HUF', 'PLN', 'RON', 'SEK', 'ISK', 'NOK', 'CHF', 'GBP', 'ALL', 'BAM', 'MKD', 'RSD', 'MDL', 'TRY', 'UAH', 'USD'];
    expect(ours.filter((c) => !isCurrencyCode(c))).toEqual([]);
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
  });

  it('carry their minor-unit digits from ISO 4217', () => {
    expect(['EUR', 'PLN', 'GBP', 'HUF', 'JPY', 'ISK', 'KWD', 'TND', 'CLF'].map((c) => currencyDigits(c as CurrencyCode))).toEqual([2, 2, 2, 2, 0, 0, 3, 3, 4]);
  });

  it.each(['eur', 'EURO', 'XYZ', 'XAU', 'XXX', '', 'constructor', 'toString', 978, null])('%p is not a currency', (c) => {
    expect(isCurrencyCode(c)).toBe(false);
  });
});

describe('money from the API shape', () => {
  it('takes a string of digits and a known code', () => {
    expect(parseMoney({ amountMinor: '2500000', currency: 'EUR' }, 'award')).toEqual(eur(2_500_000n));
    expect(parseMoney({ amountMinor: '0', currency: 'PLN' }, 'award')).toEqual(money(0n, 'PLN'));
    expect(parseMoney({ amountMinor: '-150', currency: 'EUR' }, 'correction', { allowNegative: true })).toEqual(eur(-150n));
    expect(parseMoney({ amountMinor: MAX_AMOUNT_MINOR.toString(), currency: 'EUR' }, 'x').amountMinor).toBe(MAX_AMOUNT_MINOR);
  });

  it.each([
    [{ amountMinor: 2500000, currency: 'EUR' }, 'money.amount-type', 'award.amountMinor'],
    [{ amountMinor: 25000.5, currency: 'EUR' }, 'money.amount-type', 'award.amountMinor'],
    [{ amountMinor: null, currency: 'EUR' }, 'money.amount-type', 'award.amountMinor'],
    [{ currency: 'EUR' }, 'money.amount-type', 'award.amountMinor'],
    [{ amountMinor: '25000.00', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '2.5e6', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '1e3', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '+100', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '0100', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: ' 100', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '1_000', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '0x10', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '١٠٠', currency: 'EUR' }, 'money.amount-format', 'award.amountMinor'],
    [{ amountMinor: '-100', currency: 'EUR' }, 'money.negative', 'award.amountMinor'],
    [{ amountMinor: (MAX_AMOUNT_MINOR + 1n).toString(), currency: 'EUR' }, 'money.amount-range', 'award.amountMinor'],
    [{ amountMinor: '100', currency: 'eur' }, 'money.currency-unknown', 'award.currency'],
    [{ amountMinor: '100', currency: 'XYZ' }, 'money.currency-unknown', 'award.currency'],
    [{ amountMinor: '100' }, 'money.currency-unknown', 'award.currency'],
    ['2500000', 'money.shape', 'award'],
    [2500000, 'money.shape', 'award'],
    [null, 'money.shape', 'award'],
    [[], 'money.shape', 'award'],
  ])('refuses %p (%s)', (input, rule, field) => {
    expect(() => parseMoney(input, 'award')).toThrow(violation(rule, field));
    expect(() => parseMoney(input, 'award')).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });

  it('refuses "-0" even where negatives are allowed: one amount, one spelling', () => {
    expect(() => parseAmountMinor('-0', 'x', { allowNegative: true })).toThrow(violation('money.amount-format', 'x'));
  });

  it('refuses an amount in another currency than the one expected', () => {
    expect(() => parseMoney({ amountMinor: '100', currency: 'USD' }, 'award', { currency: 'EUR' })).toThrow(violation('money.currency-mismatch', 'award.currency'));
  });

  it('round-trips through its JSON shape', () => {
    fc.assert(
      fc.property(amount, currency, (a, c) => {
        const m = money(a, c);
        expect(parseMoney(JSON.parse(JSON.stringify(moneyToJson(m))), 'm', { allowNegative: true })).toEqual(m);
      }),
    );
  });

  it('never takes anything a float could have written', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (d) => {
        expect(() => parseAmountMinor(d, 'x')).toThrow(RuleViolation);
        const text = String(d);
        if (!/^-?\d+$/.test(text)) expect(() => parseAmountMinor(text, 'x', { allowNegative: true })).toThrow(RuleViolation);
      }),
    );
  });
});

describe('money arithmetic', () => {
  it('adds and subtracts amounts of one currency', () => {
    expect(addMoney(eur(150n), eur(250n))).toEqual(eur(400n));
    expect(subtractMoney(eur(150n), eur(250n))).toEqual(eur(-100n));
    expect(sumMoney('EUR', [eur(1n), eur(2n), eur(3n)])).toEqual(eur(6n));
    expect(sumMoney('EUR', [])).toEqual(eur(0n));
  });

  it('never adds, subtracts or compares different currencies', () => {
    const pln = money(100n, 'PLN');
    for (const f of [addMoney, subtractMoney, compareMoney]) expect(() => f(eur(100n), pln)).toThrow(violation('money.currency-mismatch'));
    expect(() => sumMoney('EUR', [eur(1n), pln])).toThrow(violation('money.currency-mismatch'));
  });

  it('is exact: addition is associative and commutative, subtraction undoes it', () => {
    fc.assert(
      fc.property(amount, amount, amount, currency, (a, b, c, cur) => {
        const [x, y, z] = [money(a, cur), money(b, cur), money(c, cur)];
        expect(addMoney(addMoney(x, y), z)).toEqual(addMoney(x, addMoney(y, z)));
        expect(addMoney(x, y)).toEqual(addMoney(y, x));
        expect(subtractMoney(addMoney(x, y), y)).toEqual(x);
        expect(addMoney(x, negateMoney(x)).amountMinor).toBe(0n);
      }),
    );
  });

  it('is immutable', () => {
    const m = eur(1n);
    expect(Object.isFrozen(m)).toBe(true);
  });
});

describe('shares of an amount', () => {
  it('split 40/40/20 of an odd amount so the parts add up to it', () => {
    expect(allocate(eur(1001n), [40, 40, 20]).map((m) => m.amountMinor)).toEqual([401n, 400n, 200n]);
    expect(allocate(eur(1n), [40, 40, 20]).map((m) => m.amountMinor)).toEqual([1n, 0n, 0n]);
    expect(allocate(eur(100n), [1, 1, 1]).map((m) => m.amountMinor)).toEqual([34n, 33n, 33n]);
    expect(allocate(eur(-1001n), [40, 40, 20]).map((m) => m.amountMinor)).toEqual([-401n, -400n, -200n]);
    expect(allocate(eur(5n), [0, 1]).map((m) => m.amountMinor)).toEqual([0n, 5n]);
  });

  it('always sum to the total, each within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(amount, fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }), (a, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocate(eur(a), weights);
        const whole = BigInt(weights.reduce((x, y) => x + y, 0));
        expect(sumMoney('EUR', parts)).toEqual(eur(a));
        parts.forEach((p, i) => {
          const diff = p.amountMinor * whole - a * BigInt(weights[i]);
          expect(diff < 0n ? -diff : diff).toBeLessThan(whole);
          if (weights[i] === 0) expect(p.amountMinor).toBe(0n);
        });
      }),
    );
  });

  it('refuse weights that are not whole, negative or all zero', () => {
    expect(() => allocate(eur(10n), [0.5, 0.5])).toThrow(RangeError);
    expect(() => allocate(eur(10n), [-1, 2])).toThrow(RangeError);
    expect(() => allocate(eur(10n), [0, 0])).toThrow(RangeError);
  });
});

describe('conversion at a recorded rate', () => {
  const plnToEur = (rate: string): ExchangeRate => ({ from: 'PLN', to: 'EUR', rate, rateDate: '2024-03-01' });

  it('converts exactly and rounds half-up by default', () => {
    // 1,234.56 PLN × 0.0893 = 110.246208 EUR
    expect(convertMoney(money(123456n, 'PLN'), plnToEur('0.0893'))).toEqual(eur(11025n));
    // 50.00 × 0.0893 = 4.465: a tie at the cent
    expect(convertMoney(money(5000n, 'PLN'), plnToEur('0.0893'))).toEqual(eur(447n));
    expect(convertMoney(money(5000n, 'PLN'), plnToEur('0.0893'), 'half-even')).toEqual(eur(446n));
    expect(convertMoney(money(-5000n, 'PLN'), plnToEur('0.0893'))).toEqual(eur(-447n));
  });

  it('scales between currencies of different decimals', () => {
    expect(convertMoney(money(10000n, 'JPY'), { from: 'JPY', to: 'EUR', rate: '0.0061', rateDate: '2024-03-01' })).toEqual(eur(6100n));
    expect(convertMoney(eur(100n), { from: 'EUR', to: 'KWD', rate: '0.3341', rateDate: '2024-03-01' })).toEqual(money(334n, 'KWD'));
    expect(convertMoney(eur(12345n), { from: 'EUR', to: 'ISK', rate: '149.5', rateDate: '2024-03-01' })).toEqual(money(18456n, 'ISK'));
  });

  it('is the exact product rounded once: never more than half a unit off', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 8 }), (a, units, scale) => {
        const digits = String(units).padStart(scale + 1, '0');
        const rate = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        const out = convertMoney(money(a, 'PLN'), plnToEur(rate)).amountMinor;
        const exact2 = (a * BigInt(units) * 2n) / 10n ** BigInt(scale); // twice the exact value, floored
        expect(out * 2n - exact2 <= 1n && exact2 - out * 2n <= 1n).toBe(true);
      }),
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), (a, d) => {
        const r = plnToEur('0.0893');
        expect(convertMoney(money(a + d, 'PLN'), r).amountMinor >= convertMoney(money(a, 'PLN'), r).amountMinor).toBe(true);
      }),
    );
  });

  it('refuses a rate for another currency', () => {
    expect(() => convertMoney(eur(100n), plnToEur('0.0893'))).toThrow(violation('money.rate-currency'));
  });

  it('takes a rate only as a positive decimal string', () => {
    const raw = (rate: unknown) => ({ from: 'PLN', to: 'EUR', rate, rateDate: '2024-03-01' });
    expect(parseExchangeRate(raw('0.0893'), 'rate')).toEqual(plnToEur('0.0893'));
    expect(() => parseExchangeRate(raw(0.0893), 'rate')).toThrow(violation('money.rate-type', 'rate.rate'));
    for (const bad of ['0', '0.0', '-0.5', '+0.5', '8.93e-2', '.5', '5.', '0,0893', '1.0000000000001', ''])
      expect(() => parseExchangeRate(raw(bad), 'rate')).toThrow(violation('money.rate-format', 'rate.rate'));
    expect(() => parseExchangeRate({ ...raw('1'), from: 'ZZZ' }, 'rate')).toThrow(violation('money.currency-unknown', 'rate.from'));
    expect(() => parseExchangeRate({ ...raw('1'), rateDate: '2024-02-30' }, 'rate')).toThrow(violation('money.rate-date', 'rate.rateDate'));
  });
});

describe('rounded integer division', () => {
  it.each([
    [5n, 2n, 3n, 2n],
    [7n, 2n, 4n, 4n],
    [-5n, 2n, -3n, -2n],
    [5n, -2n, -3n, -2n],
    [6n, 4n, 2n, 2n],
    [1n, 3n, 0n, 0n],
    [2n, 3n, 1n, 1n],
  ])('%p / %p is %p half-up and %p half-even', (n, d, up, even) => {
    expect(divideRounded(n, d, 'half-up')).toBe(up);
    expect(divideRounded(n, d, 'half-even')).toBe(even);
  });
});

describe('formatting for exports', () => {
  it.each([
    [eur(2_500_000n), '25000.00'],
    [eur(5n), '0.05'],
    [eur(0n), '0.00'],
    [eur(-1250n), '-12.50'],
    [money(1500n, 'JPY'), '1500'],
    [money(1234n, 'KWD'), '1.234'],
    [money(12345n, 'CLF'), '1.2345'],
  ])('%p reads %s', (m, text) => expect(formatMoney(m)).toBe(text));

  it('writes the same number it was given', () => {
    fc.assert(
      fc.property(amount, currency, (a, c) => {
        const text = formatMoney(money(a, c));
        expect(BigInt(text.replace('.', ''))).toBe(a);
        expect(text.split('.')[1]?.length ?? 0).toBe(currencyDigits(c));
      }),
    );
  });
});
