/**
 * How pay is carried from the date it was observed to today: a yearly growth rate of developer pay per
 * country, in its local currency, compounded over the days between the two dates.
 *
 * The rates are Backboard's estimates of market movement (how much the pay for the same job rises in a
 * year) for 2024–2026, rounded to half a point. They sit below the general nominal wage growth national
 * statistics reported for 2024–2025 (about 3.5–5 % in the US, the UK and the euro area), because
 * developer pay was about flat after 2023 (the median wage of US software developers in the BLS
 * occupational survey rose by well under 1 % from May 2023 to May 2024). Countries without a reliable figure — high inflation
 * or pay set in dollars (UA, RU, TR, AR, NG, EG, IR, …) — have none: their pay is kept in US dollars as
 * reported, not carried forward, and their bands say so, with the date of their data. Review the table
 * once a year, with the rates table.
 */

/** Yearly growth, as a fraction, by ISO 3166 alpha-2 code. */
export const PAY_GROWTH: Readonly<Record<string, number>> = Object.freeze({
  US: 0.025,
  CA: 0.03,
  GB: 0.035,
  IE: 0.035,
  DE: 0.03,
  FR: 0.025,
  NL: 0.035,
  BE: 0.03,
  LU: 0.03,
  AT: 0.04,
  CH: 0.015,
  SE: 0.03,
  NO: 0.04,
  DK: 0.03,
  FI: 0.03,
  ES: 0.03,
  PT: 0.045,
  IT: 0.025,
  GR: 0.04,
  PL: 0.07,
  CZ: 0.055,
  SK: 0.05,
  HU: 0.08,
  RO: 0.07,
  BG: 0.08,
  HR: 0.07,
  SI: 0.05,
  EE: 0.06,
  LV: 0.06,
  LT: 0.07,
  IN: 0.08,
  BR: 0.06,
  MX: 0.06,
  AU: 0.035,
  NZ: 0.03,
  IL: 0.04,
  JP: 0.025,
  SG: 0.035,
  ZA: 0.05,
  MT: 0.04,
  CY: 0.035,
  IS: 0.05,
  KR: 0.03,
  CL: 0.05,
  CO: 0.07,
  CR: 0.04,
});

const DAY_MS = 86_400_000;
const DAYS_PER_YEAR = 365.25;

/**
 * The currency a country's pay is kept and carried in: its own where it has a rate, else US dollars (where
 * Backboard has no rate, pay is set in dollars or a local rate would mean little).
 */
export function payCurrencyFor(country: string | null | undefined, localCurrency: string): string {
  return payGrowthRate(country) === null ? 'USD' : localCurrency;
}

/** The yearly rate for a country, or null where Backboard carries nothing forward. */
export function payGrowthRate(country: string | null | undefined): number | null {
  if (!country) return null;
  return PAY_GROWTH[country.toUpperCase()] ?? null;
}

/** Whole years (fractional) from one YYYY-MM-DD date to another; 0 when `to` is not later. */
export function yearsBetween(from: string, to: string): number {
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  return Number.isFinite(days) && days > 0 ? days / DAYS_PER_YEAR : 0;
}

/** What pay observed on `from` in `country` has grown by on `to`: 1 where the country has no rate. */
export function payGrowthFactor(country: string | null | undefined, from: string, to: string): number {
  const rate = payGrowthRate(country);
  return rate === null ? 1 : (1 + rate) ** yearsBetween(from, to);
}
