import { CONTINENT_COUNTRIES, COUNTRY_CODES, isCountryCode } from './countries.ts';

/**
 * Where a remote hire may live: a remote posting lists ISO countries and these regions. Each region is
 * a set of countries; a region lies within another when all its countries do (the EU within the EEA
 * within Europe within EMEA within worldwide), which is how a posting open to Europe is found by
 * someone searching for the EU or for Germany.
 */

const EU = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE';
/** West Asia and Egypt's neighbours as job boards mean "Middle East" (Egypt itself counts in Africa). */
const MIDDLE_EAST = 'AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE';

const split = (list: string) => list.split(/\s+/).filter(Boolean);

export const REMOTE_REGIONS = ['worldwide', 'emea', 'europe', 'eea', 'eu', 'americas', 'apac'] as const;
export type RemoteRegion = (typeof REMOTE_REGIONS)[number];

export const REMOTE_REGION_LABEL: Readonly<Record<RemoteRegion, string>> = {
  worldwide: 'Worldwide',
  emea: 'EMEA (Europe, Middle East, Africa)',
  europe: 'Europe',
  eea: 'European Economic Area',
  eu: 'European Union',
  americas: 'The Americas',
  apac: 'Asia-Pacific',
};

const middleEast = new Set(split(MIDDLE_EAST));

export const REGION_COUNTRIES: Readonly<Record<RemoteRegion, ReadonlySet<string>>> = {
  worldwide: new Set(COUNTRY_CODES),
  emea: new Set([...CONTINENT_COUNTRIES.europe, ...CONTINENT_COUNTRIES.africa, ...middleEast]),
  europe: new Set(CONTINENT_COUNTRIES.europe),
  eea: new Set([...split(EU), 'IS', 'LI', 'NO']),
  eu: new Set(split(EU)),
  americas: new Set([...CONTINENT_COUNTRIES.northAmerica, ...CONTINENT_COUNTRIES.southAmerica]),
  apac: new Set(
    [...CONTINENT_COUNTRIES.asia, ...CONTINENT_COUNTRIES.oceania].filter((code) => !middleEast.has(code)),
  ),
};

export function isRemoteRegion(value: string): value is RemoteRegion {
  return (REMOTE_REGIONS as readonly string[]).includes(value);
}

/**
 * A country or region as people write it ("eu", "EU", "Worldwide", "de") in its canonical form (region
 * ids lower case, countries upper case), or null when it is neither.
 */
export function normaliseArea(value: string): string | null {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (isRemoteRegion(lower)) return lower;
  const byLabel = REMOTE_REGIONS.find((region) => REMOTE_REGION_LABEL[region].toLowerCase() === lower);
  if (byLabel) return byLabel;
  const upper = trimmed.toUpperCase();
  return isCountryCode(upper) ? upper : null;
}

/**
 * Every country and region a remote hire may live in, given what a posting lists: each listed country,
 * the countries of each listed region, and every region those countries cover in full. A remote posting
 * that lists nothing hires in its own country.
 */
export function areasCovered(listed: readonly string[], postingCountry: string): string[] {
  const countries = new Set<string>();
  for (const area of listed.length > 0 ? listed : [postingCountry]) {
    if (isRemoteRegion(area)) for (const code of REGION_COUNTRIES[area]) countries.add(code);
    else countries.add(area);
  }
  const regions = REMOTE_REGIONS.filter((region) =>
    [...REGION_COUNTRIES[region]].every((code) => countries.has(code)),
  );
  return [...regions, ...[...countries].sort()];
}
