/**
 * Currency normalisation for salaries (over the dated rates in exchange-rates.ts) and the countries
 * Backboard knows, with their currency and market region.
 */

import type { SalaryPeriod } from '../shared/vocabulary.ts';
import { RATES_DATE, USD_RATES, isKnownCurrency, usdRate } from './exchange-rates.ts';

export type { SalaryPeriod };
export { RATES_DATE, USD_RATES, isKnownCurrency };

/** Working hours in a year (40 h × 52 weeks), used to annualise hourly rates. */
export const HOURS_PER_YEAR = 2080;
const PERIODS_PER_YEAR: Readonly<Record<SalaryPeriod, number>> = { year: 1, month: 12, hour: HOURS_PER_YEAR };

/** A per-period amount as a yearly one: a month × 12, an hour × 2 080. */
export function annualAmount(amount: number, period: SalaryPeriod): number {
  return amount * PERIODS_PER_YEAR[period];
}

/**
 * An amount per period in any known currency, as US dollars per year at the latest rates (RATES_DATE):
 * for today's amounts. Throws for an unknown currency.
 */
export function toAnnualUsd(amount: number, currency: string, period: SalaryPeriod): number {
  return annualAmount(amount, period) / usdRate(currency);
}

/** US dollars converted to `currency` at the latest rates. Throws for an unknown currency. */
export function fromUsd(amountUsd: number, currency: string): number {
  return amountUsd * usdRate(currency);
}

export type Region =
  | 'north-america'
  | 'latin-america'
  | 'western-europe'
  | 'northern-europe'
  | 'southern-europe'
  | 'eastern-europe'
  | 'middle-east'
  | 'africa'
  | 'south-asia'
  | 'east-asia'
  | 'southeast-asia'
  | 'oceania';

export interface CountryInfo {
  code: string;
  name: string;
  currency: string;
  region: Region;
}

// code|English name (as in the Stack Overflow survey)|currency|region. Where the local currency is not in
// the rates table, the currency tech salaries there are usually quoted in (USD or EUR) stands in.
const COUNTRY_TABLE = `
US|United States|USD|north-america
CA|Canada|CAD|north-america
MX|Mexico|MXN|latin-america
BR|Brazil|BRL|latin-america
AR|Argentina|ARS|latin-america
CL|Chile|CLP|latin-america
CO|Colombia|COP|latin-america
PE|Peru|PEN|latin-america
UY|Uruguay|USD|latin-america
CR|Costa Rica|USD|latin-america
GB|United Kingdom|GBP|western-europe
IE|Ireland|EUR|western-europe
FR|France|EUR|western-europe
DE|Germany|EUR|western-europe
NL|Netherlands|EUR|western-europe
BE|Belgium|EUR|western-europe
LU|Luxembourg|EUR|western-europe
AT|Austria|EUR|western-europe
CH|Switzerland|CHF|western-europe
SE|Sweden|SEK|northern-europe
NO|Norway|NOK|northern-europe
DK|Denmark|DKK|northern-europe
FI|Finland|EUR|northern-europe
IS|Iceland|ISK|northern-europe
EE|Estonia|EUR|northern-europe
LV|Latvia|EUR|northern-europe
LT|Lithuania|EUR|northern-europe
ES|Spain|EUR|southern-europe
PT|Portugal|EUR|southern-europe
IT|Italy|EUR|southern-europe
GR|Greece|EUR|southern-europe
MT|Malta|EUR|southern-europe
CY|Cyprus|EUR|southern-europe
SI|Slovenia|EUR|southern-europe
HR|Croatia|EUR|southern-europe
PL|Poland|PLN|eastern-europe
CZ|Czech Republic|CZK|eastern-europe
SK|Slovakia|EUR|eastern-europe
HU|Hungary|HUF|eastern-europe
RO|Romania|RON|eastern-europe
BG|Bulgaria|BGN|eastern-europe
RS|Serbia|RSD|eastern-europe
UA|Ukraine|UAH|eastern-europe
RU|Russian Federation|RUB|eastern-europe
BY|Belarus|USD|eastern-europe
MD|Republic of Moldova|USD|eastern-europe
BA|Bosnia and Herzegovina|EUR|eastern-europe
MK|The former Yugoslav Republic of Macedonia|EUR|eastern-europe
AL|Albania|EUR|eastern-europe
TR|Turkey|TRY|middle-east
IL|Israel|ILS|middle-east
AE|United Arab Emirates|AED|middle-east
SA|Saudi Arabia|SAR|middle-east
JO|Jordan|USD|middle-east
LB|Lebanon|USD|middle-east
IR|Iran|USD|middle-east
EG|Egypt|EGP|africa
MA|Morocco|MAD|africa
TN|Tunisia|USD|africa
NG|Nigeria|NGN|africa
KE|Kenya|KES|africa
GH|Ghana|USD|africa
ZA|South Africa|ZAR|africa
IN|India|INR|south-asia
PK|Pakistan|PKR|south-asia
BD|Bangladesh|BDT|south-asia
LK|Sri Lanka|LKR|south-asia
NP|Nepal|USD|south-asia
CN|China|CNY|east-asia
JP|Japan|JPY|east-asia
KR|South Korea|KRW|east-asia
TW|Taiwan|TWD|east-asia
HK|Hong Kong (S.A.R.)|HKD|east-asia
SG|Singapore|SGD|southeast-asia
MY|Malaysia|MYR|southeast-asia
TH|Thailand|THB|southeast-asia
VN|Viet Nam|VND|southeast-asia
PH|Philippines|PHP|southeast-asia
ID|Indonesia|IDR|southeast-asia
DO|Dominican Republic|USD|latin-america
EC|Ecuador|USD|latin-america
GT|Guatemala|USD|latin-america
SV|El Salvador|USD|latin-america
PY|Paraguay|USD|latin-america
VE|Venezuela, Bolivarian Republic of...|USD|latin-america
BO|Bolivia|USD|latin-america
NI|Nicaragua|USD|latin-america
CU|Cuba|USD|latin-america
PA|Panama|USD|latin-america
HN|Honduras|USD|latin-america
TT|Trinidad and Tobago|USD|latin-america
JM|Jamaica|USD|latin-america
GE|Georgia|USD|eastern-europe
AM|Armenia|USD|eastern-europe
AZ|Azerbaijan|USD|eastern-europe
KZ|Kazakhstan|USD|eastern-europe
UZ|Uzbekistan|USD|eastern-europe
KG|Kyrgyzstan|USD|eastern-europe
ME|Montenegro|EUR|eastern-europe
DZ|Algeria|USD|africa
UG|Uganda|USD|africa
ET|Ethiopia|USD|africa
CM|Cameroon|USD|africa
MU|Mauritius|USD|africa
ZW|Zimbabwe|USD|africa
TZ|United Republic of Tanzania|USD|africa
SN|Senegal|USD|africa
CI|Côte d'Ivoire|USD|africa
SD|Sudan|USD|africa
IQ|Iraq|USD|middle-east
SY|Syrian Arab Republic|USD|middle-east
BH|Bahrain|USD|middle-east
AF|Afghanistan|USD|south-asia
MM|Myanmar|USD|southeast-asia
AU|Australia|AUD|oceania
NZ|New Zealand|NZD|oceania
`;

const countries: readonly CountryInfo[] = COUNTRY_TABLE.trim()
  .split('\n')
  .map((line) => {
    const [code, name, currency, region] = line.split('|') as [string, string, string, Region];
    return Object.freeze({ code, name, currency, region });
  });
const countriesByCode = new Map(countries.map((country) => [country.code, country]));
const countriesByName = new Map(countries.map((country) => [country.name.toLowerCase(), country]));
/** Other spellings the surveys (2019 and 2024) use for countries above. */
for (const [name, code] of [
  ['United States of America', 'US'],
  ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
  ['Republic of North Macedonia', 'MK'],
  ['Republic of Korea', 'KR'],
  ['Iran, Islamic Republic of...', 'IR'],
  ['Czechia', 'CZ'],
  ['North Macedonia', 'MK'],
  ['Vietnam', 'VN'],
  ['Russia', 'RU'],
] as const) {
  countriesByName.set(name.toLowerCase(), countriesByCode.get(code)!);
}

export function allCountries(): readonly CountryInfo[] {
  return countries;
}

/** The country for an ISO 3166 alpha-2 code, any casing. */
export function countryInfo(codeAlpha2: string): CountryInfo | undefined {
  return countriesByCode.get(codeAlpha2.trim().toUpperCase());
}

/** The alpha-2 code for an English country name as the Stack Overflow survey spells it. */
export function countryCodeForName(name: string): string | undefined {
  return countriesByName.get(name.trim().toLowerCase())?.code;
}

/** The local currency of a country; USD where the country is unknown. */
export function currencyForCountry(countryAlpha2: string): string {
  return countryInfo(countryAlpha2)?.currency ?? 'USD';
}

export function regionForCountry(countryAlpha2: string): Region | undefined {
  return countryInfo(countryAlpha2)?.region;
}

/** A posting's range as annual US dollars, the one currency the index filters and sorts on. */
export function annualUsdRange(salary: { min: number; max: number; currency: string; period: SalaryPeriod }) {
  return {
    min: Math.round(toAnnualUsd(salary.min, salary.currency, salary.period)),
    max: Math.round(toAnnualUsd(salary.max, salary.currency, salary.period)),
  };
}
