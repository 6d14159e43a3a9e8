import { PERIOD_LABEL, type SalaryPeriod } from '../../../server/shared/vocabulary.ts';

export {
  EMPLOYMENT_LABEL,
  EMPLOYMENT_TYPES,
  PERIOD_LABEL,
  REMOTE_LABEL,
  REMOTE_POLICIES,
  SALARY_PERIODS,
  SENIORITIES,
  SENIORITY_LABEL,
} from '../../../server/shared/vocabulary.ts';
export { LEVEL_LABEL } from '../../../server/shared/levels.ts';
import { SEARCH_FILTERS, type SearchFilterDef } from '../../../server/shared/search-filters.ts';
import { REMOTE_REGION_LABEL, isRemoteRegion } from '../../../server/shared/regions.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Countries offered in forms; the API accepts any ISO 3166 alpha-2 code. */
export const COUNTRY_CODES = [
  'AR',
  'AT',
  'AU',
  'BE',
  'BR',
  'CA',
  'CH',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GB',
  'GR',
  'HU',
  'IE',
  'IL',
  'IN',
  'IT',
  'JP',
  'LT',
  'LV',
  'MX',
  'NL',
  'NO',
  'NZ',
  'PL',
  'PT',
  'RO',
  'SE',
  'SG',
  'SK',
  'UA',
  'US',
  'ZA',
];

/**
 * The one way the web writes an amount of money: whole units, in full ("€42,000", "$145,000"), so the
 * two ends of a range always read alike. `short` ("$145K") is for tight spaces such as a chart's scale.
 */
export function money(amount: number, currency: string, options: { short?: boolean } = {}): string {
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
      notation: options.short ? 'compact' : 'standard',
    }).format(amount);
  } catch {
    return `${Math.round(amount).toLocaleString('en')} ${currency}`;
  }
}

/** A pay range as people read it: "€42,000 per year" when both ends agree, "(estimated)" when read off the market. */
export function salaryRange(salary: {
  min: number;
  max: number;
  currency: string;
  period: SalaryPeriod;
  estimated?: boolean;
}): string {
  const low = money(salary.min, salary.currency);
  const amount = salary.max > salary.min ? `${low}–${money(salary.max, salary.currency)}` : low;
  return `${amount} ${PERIOD_LABEL[salary.period]}${salary.estimated ? ' (estimated)' : ''}`;
}

/** "an admin", "a recruiter": the article by the sound of the word's first letter (enough for role names). */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const dayFormat = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });
const momentFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar day, "Dec 2, 2026"; empty for an unreadable date. */
export function day(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : dayFormat.format(time);
}

/** A day and time, "Dec 2, 2026, 1:50 AM"; empty for an unreadable date. */
export function moment(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : momentFormat.format(time);
}

export function ago(iso: string): string {
  const days = Math.round((Date.parse(iso) - Date.now()) / 86_400_000);
  if (Number.isNaN(days)) return '';
  if (Math.abs(days) < 1) return 'today';
  if (Math.abs(days) < 45) return relative.format(days, 'day');
  return relative.format(Math.round(days / 30), 'month');
}

/** Facet values are raw codes; show people words. */
/** A remote region's or a country's name. */
export function areaName(area: string): string {
  return isRemoteRegion(area) ? REMOTE_REGION_LABEL[area] : countryName(area);
}

/** What people read for one value of a facet, by the filter table's word for its values. */
export function facetLabel(facet: string, value: string): string {
  const def = (SEARCH_FILTERS as Record<string, SearchFilterDef>)[facet];
  if (!def) return value;
  if (def.type === 'flag') return value === 'true' ? def.labels.true : def.labels.false;
  if (def.type !== 'keyword' && def.type !== 'keywords') return value;
  switch (def.values.kind) {
    case 'enum':
      return def.values.labels[value] ?? value;
    case 'country':
      return countryName(value);
    case 'area':
      return areaName(value);
    default:
      return value;
  }
}

/** Hours in a working year (40 hours × 52 weeks), to compare hourly pay with yearly bands. */
const HOURS_PER_YEAR = 2080;

export function yearly(amount: number, period: SalaryPeriod): number {
  if (period === 'month') return amount * 12;
  if (period === 'hour') return amount * HOURS_PER_YEAR;
  return amount;
}

export const CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'CAD',
  'AUD',
  'PLN',
  'SEK',
  'NOK',
  'DKK',
  'CZK',
  'INR',
  'BRL',
];

/** A sensible default currency for a country, so forms start in the right place. */
export function currencyFor(country: string | null | undefined): string {
  const byCountry: Record<string, string> = {
    US: 'USD',
    GB: 'GBP',
    CH: 'CHF',
    CA: 'CAD',
    AU: 'AUD',
    PL: 'PLN',
    SE: 'SEK',
    NO: 'NOK',
    DK: 'DKK',
    CZ: 'CZK',
    IN: 'INR',
    BR: 'BRL',
  };
  return (country && byCountry[country.toUpperCase()]) || (country ? 'EUR' : 'USD');
}
