import { IsIn, IsISO8601, IsString, Matches, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Money on the wire: `{"amountMinor": "2500000", "currency": "EUR"}`, integer minor units as a
 * string of digits (a JSON number could not carry a bigint exactly, and a float is never money)
 * and an ISO 4217 code. The shape every event and API DTO uses for an amount.
 */

/**
 * The currencies an amount may be in. Contracts depend on nothing, so this list repeats the codes
 * of `CURRENCY_DIGITS` in @intercity/domain (which also knows their decimals); a spec in the
 * grants service keeps the two identical.
 */
export const ISO_4217_CODES = [
  'AED', 'AFN', 'ALL', 'AMD', 'ANG', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN',
  'BAM', 'BBD', 'BDT', 'BGN', 'BHD', 'BIF', 'BMD', 'BND', 'BOB', 'BOV', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD',
  'CAD', 'CDF', 'CHE', 'CHF', 'CHW', 'CLF', 'CLP', 'CNY', 'COP', 'COU', 'CRC', 'CUP', 'CVE', 'CZK',
  'DJF', 'DKK', 'DOP', 'DZD', 'EGP', 'ERN', 'ETB', 'EUR', 'FJD', 'FKP',
  'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GNF', 'GTQ', 'GYD', 'HKD', 'HNL', 'HRK', 'HTG', 'HUF',
  'IDR', 'ILS', 'INR', 'IQD', 'IRR', 'ISK', 'JMD', 'JOD', 'JPY',
  'KES', 'KGS', 'KHR', 'KMF', 'KPW', 'KRW', 'KWD', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'LYD',
  'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MXV', 'MYR', 'MZN',
  'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'OMR', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN', 'PYG', 'QAR',
  'RON', 'RSD', 'RUB', 'RWF', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP', 'SLE', 'SLL', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL',
  'THB', 'TJS', 'TMT', 'TND', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'UGX', 'USD', 'USN', 'UYI', 'UYU', 'UYW', 'UZS',
  'VED', 'VES', 'VND', 'VUV', 'WST', 'XAF', 'XCD', 'XCG', 'XOF', 'XPF', 'YER', 'ZAR', 'ZMW', 'ZWG', 'ZWL',
] as const;
export type Iso4217Code = (typeof ISO_4217_CODES)[number];

/** Postgres `bigint` (int8) bounds every stored amount. */
const INT8_MAX = 2n ** 63n - 1n;

/** Digits only, no leading zeros; with `signed`, one leading '-' (never '-0'). */
function isMinorUnits(value: unknown, signed: boolean): boolean {
  if (typeof value !== 'string') return false;
  if (!(signed ? /^-?(0|[1-9]\d*)$/ : /^(0|[1-9]\d*)$/).test(value) || value === '-0') return false;
  const n = BigInt(value);
  return n <= INT8_MAX && n >= -INT8_MAX;
}

/** A string of minor units that fits a Postgres bigint (`signed` also allows a leading '-'). */
export function IsMinorUnits(options: { signed?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  const signed = options.signed ?? false;
  return ValidateBy(
    {
      name: 'isMinorUnits',
      constraints: [signed],
      validator: {
        validate: (value: unknown) => isMinorUnits(value, signed),
        defaultMessage: () =>
          `$property must be a string of ${signed ? 'optionally negative ' : ''}whole minor units (digits only, e.g. "2500000" for 25000.00), not a number`,
      },
    },
    validationOptions,
  );
}

/** A non-negative amount: awards, budget lines, disbursements, reported and approved expenditure. */
export class MoneyV1 {
  @IsString() @IsMinorUnits() amountMinor!: string;
  @IsIn(ISO_4217_CODES) currency!: string;
}

/** An amount that may be negative: corrections, differences, balances. */
export class SignedMoneyV1 {
  @IsString() @IsMinorUnits({ signed: true }) amountMinor!: string;
  @IsIn(ISO_4217_CODES) currency!: string;
}

/** The rate an amount was converted at, recorded with it: one unit of `from` is `rate` units of `to`. */
export class ExchangeRateV1 {
  @IsIn(ISO_4217_CODES) from!: string;
  @IsIn(ISO_4217_CODES) to!: string;
  /** A positive decimal string, e.g. "0.0893": never a JSON number. */
  @IsString() @Matches(/^(0|[1-9]\d{0,11})(\.\d{1,12})?$/) @Matches(/[1-9]/, { message: 'rate must be positive' }) rate!: string;
  /** A local date, YYYY-MM-DD. */
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) rateDate!: string;
}
