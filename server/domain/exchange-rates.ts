/**
 * Dated exchange rates: units of each currency per one US dollar, one table per date. A conversion uses
 * the table of the date of the amount it converts (the latest table on or before that date), so pay from
 * May 2024 is never converted at 2025 rates.
 */

export interface RatesTable {
  /** YYYY-MM-DD. */
  date: string;
  /** Where the figures come from. */
  note: string;
  usdRates: Readonly<Record<string, number>>;
}

const MAY_2024: RatesTable = {
  date: '2024-05-31',
  note:
    'Approximate mid-market rates at the end of May 2024, when Stack Overflow converted the 2024 ' +
    'survey’s pay to US dollars; converting back with them recovers local pay.',
  usdRates: Object.freeze({
    USD: 1,
    EUR: 0.921,
    GBP: 0.785,
    CHF: 0.902,
    CAD: 1.364,
    AUD: 1.503,
    NZD: 1.627,
    INR: 83.47,
    PLN: 3.94,
    SEK: 10.51,
    NOK: 10.5,
    DKK: 6.87,
    ISK: 137.8,
    BRL: 5.25,
    JPY: 157.3,
    CNY: 7.24,
    SGD: 1.351,
    ZAR: 18.78,
    CZK: 22.78,
    RON: 4.58,
    HUF: 358.5,
    BGN: 1.801,
    UAH: 40.6,
    TRY: 32.2,
    ILS: 3.71,
    AED: 3.6725,
    SAR: 3.75,
    MXN: 17.0,
    ARS: 893,
    CLP: 917,
    COP: 3860,
    PEN: 3.74,
    KRW: 1380,
    HKD: 7.82,
    TWD: 32.4,
    PHP: 58.5,
    IDR: 16250,
    MYR: 4.7,
    THB: 36.7,
    VND: 25450,
    PKR: 278.4,
    BDT: 117.5,
    LKR: 301,
    EGP: 47.1,
    NGN: 1480,
    KES: 130.5,
    MAD: 9.96,
    RUB: 90.2,
    RSD: 107.9,
  }),
};

const JUNE_2025: RatesTable = {
  date: '2025-06-02',
  note: 'Approximate mid-market rates on 2 June 2025; refresh with a new dated table, never in place.',
  usdRates: Object.freeze({
    USD: 1,
    EUR: 0.877,
    GBP: 0.739,
    CHF: 0.822,
    CAD: 1.373,
    AUD: 1.548,
    NZD: 1.667,
    INR: 85.55,
    PLN: 3.758,
    SEK: 9.58,
    NOK: 10.11,
    DKK: 6.545,
    ISK: 127.4,
    BRL: 5.66,
    JPY: 143.5,
    CNY: 7.19,
    SGD: 1.288,
    ZAR: 17.87,
    CZK: 21.78,
    RON: 4.41,
    HUF: 352.5,
    BGN: 1.716,
    UAH: 41.5,
    TRY: 39.2,
    ILS: 3.53,
    AED: 3.6725,
    SAR: 3.75,
    MXN: 19.25,
    ARS: 1170,
    CLP: 938,
    COP: 4125,
    PEN: 3.6,
    KRW: 1376,
    HKD: 7.846,
    TWD: 29.9,
    PHP: 55.6,
    IDR: 16290,
    MYR: 4.25,
    THB: 32.7,
    VND: 26000,
    PKR: 282,
    BDT: 122.2,
    LKR: 299,
    EGP: 49.6,
    NGN: 1575,
    KES: 129.3,
    MAD: 9.1,
    RUB: 78.9,
    RSD: 102.8,
  }),
};

/** Oldest first. Every table quotes the same currencies (a test holds them to it). */
export const RATE_TABLES: readonly RatesTable[] = Object.freeze([MAY_2024, JUNE_2025]);

const LATEST = RATE_TABLES[RATE_TABLES.length - 1]!;

/** The date of the latest table: what today's amounts (search filters, the match score) are converted at. */
export const RATES_DATE = LATEST.date;
/** Units of currency per 1 USD in the latest table. */
export const USD_RATES = LATEST.usdRates;

/** The table in force on `date` (YYYY-MM-DD): the latest one dated on or before it, else the oldest. */
export function ratesOn(date: string): RatesTable {
  let chosen = RATE_TABLES[0]!;
  for (const table of RATE_TABLES) if (table.date <= date) chosen = table;
  return chosen;
}

export function isKnownCurrency(currency: string): boolean {
  return Object.hasOwn(LATEST.usdRates, currency.toUpperCase());
}

/** Units of `currency` per US dollar in `table`. Throws RangeError for an unknown currency. */
export function usdRate(currency: string, table: RatesTable = LATEST): number {
  const rate = table.usdRates[currency.toUpperCase()];
  if (rate === undefined) throw new RangeError(`No exchange rate for currency ${currency}`);
  return rate;
}

/** `amount` of `from` in `to`, at the rates of `table` (default the latest). */
export function convert(amount: number, from: string, to: string, table: RatesTable = LATEST): number {
  if (from.toUpperCase() === to.toUpperCase()) return amount;
  return (amount / usdRate(from, table)) * usdRate(to, table);
}
