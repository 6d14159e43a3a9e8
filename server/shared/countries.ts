/**
 * ISO 3166-1 alpha-2 country codes (the 249 officially assigned), grouped by continent. Server and web
 * both read it: the country allow-list, remote regions and country pickers.
 */
export const COUNTRIES_BY_CONTINENT = {
  africa: `DZ AO BJ BW BF BI CV CM CF TD KM CD CG CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML
    MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW`,
  antarctica: 'AQ BV GS HM TF',
  asia: `AF AM AZ BH BD BT BN KH CN GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM NP KP OM PK PS
    PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE IO CX CC`,
  europe: `AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE LV LI LT LU MT MD MC
    ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA AX`,
  northAmerica: `AI AG AW BS BB BZ BM BQ VG CA KY CR CU CW DM DO SV GL GD GP GT HT HN JM MQ MX MS NI PA PR
    BL KN LC MF PM VC SX TT TC US VI UM`,
  oceania: 'AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF',
  southAmerica: 'AR BO BR CL CO EC FK GF GY PY PE SR UY VE',
} as const;

export type Continent = keyof typeof COUNTRIES_BY_CONTINENT;

const codesOf = (list: string): string[] => list.split(/\s+/).filter(Boolean);

export const CONTINENT_COUNTRIES: Readonly<Record<Continent, readonly string[]>> = Object.fromEntries(
  Object.entries(COUNTRIES_BY_CONTINENT).map(([continent, list]) => [continent, codesOf(list)]),
) as unknown as Record<Continent, readonly string[]>;

/** Every assigned code, alphabetical. */
export const COUNTRY_CODES: readonly string[] = Object.values(CONTINENT_COUNTRIES).flat().sort();

const KNOWN = new Set(COUNTRY_CODES);

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case). */
export function isCountryCode(code: string): boolean {
  return KNOWN.has(code);
}
