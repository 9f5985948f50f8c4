import type { LocalDate } from './local-date';
import { isLocalDate } from './local-date';
import { RuleViolation } from './rule-violation';

/**
 * Money as integer minor units (bigint) of an ISO 4217 currency, end to end: no float ever holds
 * an amount, so no sum drifts by a cent and what the database, the API, the events and the exports
 * say is the same number. Amounts of different currencies never meet in one sum.
 */

/**
 * ISO 4217 list one (as amended to 2025): every code with a minor unit, and its number of
 * decimals. Codes whose minor unit is "N.A." (gold, SDR, the test and no-currency codes) are left
 * out: nothing can be paid in them. HRK stays after its withdrawal (2023) so expenditure of
 * Croatian cities from the years before the euro can still be recorded.
 */
export const CURRENCY_DIGITS = {
  AED: 2, AFN: 2, ALL: 2, AMD: 2, ANG: 2, AOA: 2, ARS: 2, AUD: 2, AWG: 2, AZN: 2,
  BAM: 2, BBD: 2, BDT: 2, BGN: 2, BHD: 3, BIF: 0, BMD: 2, BND: 2, BOB: 2, BOV: 2,
  BRL: 2, BSD: 2, BTN: 2, BWP: 2, BYN: 2, BZD: 2,
  CAD: 2, CDF: 2, CHE: 2, CHF: 2, CHW: 2, CLF: 4, CLP: 0, CNY: 2, COP: 2, COU: 2,
  CRC: 2, CUP: 2, CVE: 2, CZK: 2,
  DJF: 0, DKK: 2, DOP: 2, DZD: 2,
  EGP: 2, ERN: 2, ETB: 2, EUR: 2,
  FJD: 2, FKP: 2,
  GBP: 2, GEL: 2, GHS: 2, GIP: 2, GMD: 2, GNF: 0, GTQ: 2, GYD: 2,
  HKD: 2, HNL: 2, HRK: 2, HTG: 2, HUF: 2,
  IDR: 2, ILS: 2, INR: 2, IQD: 3, IRR: 2, ISK: 0,
  JMD: 2, JOD: 3, JPY: 0,
  KES: 2, KGS: 2, KHR: 2, KMF: 0, KPW: 2, KRW: 0, KWD: 3, KYD: 2, KZT: 2,
  LAK: 2, LBP: 2, LKR: 2, LRD: 2, LSL: 2, LYD: 3,
  MAD: 2, MDL: 2, MGA: 2, MKD: 2, MMK: 2, MNT: 2, MOP: 2, MRU: 2, MUR: 2, MVR: 2,
  MWK: 2, MXN: 2, MXV: 2, MYR: 2, MZN: 2,
  NAD: 2, NGN: 2, NIO: 2, NOK: 2, NPR: 2, NZD: 2,
  OMR: 3,
  PAB: 2, PEN: 2, PGK: 2, PHP: 2, PKR: 2, PLN: 2, PYG: 0,
  QAR: 2,
  RON: 2, RSD: 2, RUB: 2, RWF: 0,
  SAR: 2, SBD: 2, SCR: 2, SDG: 2, SEK: 2, SGD: 2, SHP: 2, SLE: 2, SLL: 2, SOS: 2,
  SRD: 2, SSP: 2, STN: 2, SVC: 2, SYP: 2, SZL: 2,
  THB: 2, TJS: 2, TMT: 2, TND: 3, TOP: 2, TRY: 2, TTD: 2, TWD: 2, TZS: 2,
  UAH: 2, UGX: 0, USD: 2, USN: 2, UYI: 0, UYU: 2, UYW: 4, UZS: 2,
  VED: 2, VES: 2, VND: 0, VUV: 0,
  WST: 2,
  XAF: 0, XCD: 2, XCG: 2, XOF: 0, XPF: 0,
  YER: 2,
  ZAR: 2, ZMW: 2, ZWG: 2, ZWL: 2,
} as const satisfies Record<string, 0 | 2 | 3 | 4>;

export type CurrencyCode = keyof typeof CURRENCY_DIGITS;

export const CURRENCY_CODES = Object.freeze(Object.keys(CURRENCY_DIGITS) as CurrencyCode[]);

/** Upper case only: 'eur' is a typo to report, not a code to guess at. */
export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_DIGITS, value);
}

export function currencyDigits(currency: CurrencyCode): number {
  return CURRENCY_DIGITS[currency];
}

export interface Money {
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
}

/** The API, event and export shape: `{"amountMinor": "2500000", "currency": "EUR"}`. */
export interface MoneyJson {
  amountMinor: string;
  currency: string;
}

/** Postgres `bigint` (int8): an amount beyond it could not be stored, so it is refused at the door. */
export const MAX_AMOUNT_MINOR = 2n ** 63n - 1n;

export function money(amountMinor: bigint, currency: CurrencyCode): Money {
  if (typeof amountMinor !== 'bigint') throw new TypeError(`amountMinor must be a bigint, got ${typeof amountMinor}`);
  if (!isCurrencyCode(currency)) throw RuleViolation.invalid('money.currency-unknown', 'currency', `"${String(currency)}" is not an ISO 4217 currency code`);
  return Object.freeze({ amountMinor, currency });
}

export const zeroMoney = (currency: CurrencyCode): Money => money(0n, currency);

function mismatch(a: Money, b: Money, field?: string): RuleViolation {
  return new RuleViolation('money.currency-mismatch', `amounts in ${a.currency} and ${b.currency} are never added or compared`, 'unprocessable', field);
}

export function sameCurrency(a: Money, b: Money): boolean {
  return a.currency === b.currency;
}

/** Refuses an amount that is not in the currency expected (e.g. an award in USD to a EUR programme). */
export function assertCurrency(m: Money, currency: CurrencyCode, field: string): void {
  if (m.currency !== currency) {
    throw RuleViolation.unprocessable('money.currency-mismatch', `${field}.currency`, `must be ${currency} (the programme's currency), not ${m.currency}`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw mismatch(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw mismatch(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function negateMoney(a: Money): Money {
  return money(-a.amountMinor, a.currency);
}

/** The sum of amounts of one currency; the currency is given so an empty list sums to zero of it. */
export function sumMoney(currency: CurrencyCode, amounts: Iterable<Money>): Money {
  let total = 0n;
  for (const m of amounts) {
    if (m.currency !== currency) throw mismatch(zeroMoney(currency), m);
    total += m.amountMinor;
  }
  return money(total, currency);
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  if (a.currency !== b.currency) throw mismatch(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

export const moneyEquals = (a: Money, b: Money): boolean => a.currency === b.currency && a.amountMinor === b.amountMinor;
export const isZero = (a: Money): boolean => a.amountMinor === 0n;
export const isNegative = (a: Money): boolean => a.amountMinor < 0n;
export const isPositive = (a: Money): boolean => a.amountMinor > 0n;
export const minMoney = (a: Money, b: Money): Money => (compareMoney(a, b) <= 0 ? a : b);
export const maxMoney = (a: Money, b: Money): Money => (compareMoney(a, b) >= 0 ? a : b);

/**
 * Splits an amount by integer weights (e.g. 40/40/20) so the parts add up to the whole exactly:
 * each part is the exact share rounded down, and the units left over go one each to the parts
 * with the largest remainders (the earlier part wins a tie). No part is off by a full unit.
 */
export function allocate(total: Money, weights: readonly (number | bigint)[]): Money[] {
  const ws = weights.map((w) => {
    if (typeof w === 'number' && !Number.isSafeInteger(w)) throw new RangeError(`weight ${w} is not an integer`);
    const b = BigInt(w);
    if (b < 0n) throw new RangeError(`weight ${w} is negative`);
    return b;
  });
  const whole = ws.reduce((a, b) => a + b, 0n);
  if (whole === 0n) throw new RangeError('weights must not all be zero');
  const sign = total.amountMinor < 0n ? -1n : 1n;
  const amount = total.amountMinor * sign;
  const parts = ws.map((w) => (amount * w) / whole);
  const remainders = ws.map((w, i) => ({ i, r: (amount * w) % whole }));
  let left = amount - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map((p) => money(p * sign, total.currency));
}

/**
 * Half-up rounds a tie away from zero: the rule of the euro conversion regulation (EC 1103/97,
 * art. 5) and of a spreadsheet's ROUND, so an auditor re-computing a conversion gets our cent.
 * Half-even (banker's) rounds a tie to the even unit, unbiased over many roundings; offered for
 * funders whose rules ask for it.
 */
export type Rounding = 'half-up' | 'half-even';

/** n / d rounded to an integer by the given rule, in integers only. */
export function divideRounded(n: bigint, d: bigint, rounding: Rounding): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) return divideRounded(-n, -d, rounding);
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > d) return away;
  if (twice < d) return q;
  return rounding === 'half-up' ? away : q % 2n === 0n ? q : away;
}

/** A positive decimal without sign, exponent or grouping: '0.0893', '4.2975', '1'. */
const RATE_FORMAT = /^(0|[1-9]\d{0,11})(\.\d{1,12})?$/;

/** Units of `from` converted to `to`: one unit of `from` is worth `rate` units of `to`. */
export interface ExchangeRate {
  from: CurrencyCode;
  to: CurrencyCode;
  /** A decimal string, kept as given so the record shows the very rate applied. */
  rate: string;
  /** The date the rate is quoted for (e.g. the funder's monthly accounting rate). */
  rateDate: LocalDate;
}

export function isDecimalRate(value: unknown): value is string {
  return typeof value === 'string' && RATE_FORMAT.test(value) && /[1-9]/.test(value);
}

/** Checks an exchange rate given by a client, naming the field at fault. */
export function parseExchangeRate(value: unknown, field: string): ExchangeRate {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw RuleViolation.invalid('money.rate-shape', field, 'must be an object {from, to, rate, rateDate}');
  }
  const v = value as Record<string, unknown>;
  const from = parseCurrency(v.from, `${field}.from`);
  const to = parseCurrency(v.to, `${field}.to`);
  if (typeof v.rate !== 'string') {
    throw RuleViolation.invalid('money.rate-type', `${field}.rate`, 'must be a decimal string such as "0.0893", not a JSON number');
  }
  if (!isDecimalRate(v.rate)) {
    throw RuleViolation.invalid('money.rate-format', `${field}.rate`, 'must be a positive decimal such as "0.0893" (digits and one point, no sign or exponent, at most 12 decimals)');
  }
  if (!isLocalDate(v.rateDate)) throw RuleViolation.invalid('money.rate-date', `${field}.rateDate`, 'must be a date (YYYY-MM-DD)');
  return { from, to, rate: v.rate, rateDate: v.rateDate };
}

/**
 * An amount converted at a recorded rate, exactly: minor units × rate, scaled between the two
 * currencies' decimals, then rounded once by the given rule.
 */
export function convertMoney(amount: Money, rate: ExchangeRate, rounding: Rounding = 'half-up'): Money {
  if (amount.currency !== rate.from) {
    throw new RuleViolation('money.rate-currency', `the rate converts ${rate.from}, the amount is in ${amount.currency}`, 'unprocessable');
  }
  if (!isDecimalRate(rate.rate)) throw RuleViolation.invalid('money.rate-format', 'rate', `"${rate.rate}" is not a positive decimal rate`);
  const [int, frac = ''] = rate.rate.split('.');
  const rateUnits = BigInt(int + frac);
  const numerator = amount.amountMinor * rateUnits * 10n ** BigInt(currencyDigits(rate.to));
  const denominator = 10n ** BigInt(frac.length + currencyDigits(rate.from));
  return money(divideRounded(numerator, denominator, rounding), rate.to);
}

/** For exports: '25000.00', '-12.50', '1500' (JPY): the currency's decimals, a point, no grouping. */
export function formatMoney(m: Money): string {
  const digits = currencyDigits(m.currency);
  const negative = m.amountMinor < 0n;
  const abs = (negative ? -m.amountMinor : m.amountMinor).toString().padStart(digits + 1, '0');
  const body = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return negative ? `-${body}` : body;
}

export function moneyToJson(m: Money): MoneyJson {
  return { amountMinor: m.amountMinor.toString(), currency: m.currency };
}

export function parseCurrency(value: unknown, field: string): CurrencyCode {
  if (!isCurrencyCode(value)) {
    throw RuleViolation.invalid('money.currency-unknown', field, `${JSON.stringify(value) ?? String(value)} is not an ISO 4217 currency code (upper case, e.g. "EUR")`);
  }
  return value;
}

export interface ParseMoneyOptions {
  /** Corrections and differences may be negative; awards, lines and payments may not. */
  allowNegative?: boolean;
  /** The currency the amount must be in (e.g. the programme's). */
  currency?: CurrencyCode;
}

const UNSIGNED = /^(0|[1-9]\d*)$/;
const SIGNED = /^-?(0|[1-9]\d*)$/;

/**
 * Minor units as the API sends them: a string of digits, nothing else. A JSON number is refused
 * even when whole, because a client that sends numbers will one day send 0.1 + 0.2.
 */
export function parseAmountMinor(value: unknown, field: string, { allowNegative = false }: ParseMoneyOptions = {}): bigint {
  if (typeof value === 'number' || typeof value === 'bigint') {
    throw RuleViolation.invalid('money.amount-type', field, `must be a string of minor units (e.g. "2500000" for 25000.00), not a JSON number`);
  }
  if (typeof value !== 'string') throw RuleViolation.invalid('money.amount-type', field, 'must be a string of minor units, e.g. "2500000"');
  if (!allowNegative && /^-(0|[1-9]\d*)$/.test(value)) throw RuleViolation.invalid('money.negative', field, 'must not be negative');
  if (!(allowNegative ? SIGNED : UNSIGNED).test(value) || value === '-0') {
    throw RuleViolation.invalid(
      'money.amount-format',
      field,
      'must be whole minor units written as digits only (no decimal point, exponent, sign, spaces or leading zeros), e.g. "2500000"',
    );
  }
  const amount = BigInt(value);
  if (amount > MAX_AMOUNT_MINOR || amount < -MAX_AMOUNT_MINOR) throw RuleViolation.invalid('money.amount-range', field, 'is too large to be stored');
  return amount;
}

/** `{"amountMinor": "2500000", "currency": "EUR"}` from a request or event, each fault naming its field. */
export function parseMoney(value: unknown, field: string, options: ParseMoneyOptions = {}): Money {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw RuleViolation.invalid('money.shape', field, 'must be an object {"amountMinor": "<digits>", "currency": "<ISO 4217>"}');
  }
  const v = value as Record<string, unknown>;
  const amount = parseAmountMinor(v.amountMinor, `${field}.amountMinor`, options);
  const currency = parseCurrency(v.currency, `${field}.currency`);
  const m = money(amount, currency);
  if (options.currency) assertCurrency(m, options.currency, field);
  return m;
}
