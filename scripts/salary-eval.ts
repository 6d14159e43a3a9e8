/**
 * `npm run eval:salary [-- --seed=backboard-2024 --holdout=0.2 --countries=10 --repeats=20 --file=path --strict]`
 *
 * Splits the 2024 survey extract (the shipped copy, or `--file` with the same columns) by the seeded rule
 * of `isHeldOut`, builds the bands from the kept part, and reports for the countries with the most
 * back-end respondents how often held-out back-end pay (every answer, as it is) falls within the band's
 * p25–p75: for the split of `--seed`, with the bands at the survey's own date (the segments alone) and
 * carried to today as the API serves them; then the mean and range over `--repeats` further splits
 * (seeds "<seed>-1", "<seed>-2", …), since a country's few dozen held-out answers make one split noisy.
 * Also checks the US median the API answers against the data's. `--strict` exits 1 when a country's mean
 * coverage (by country, at the survey's date) is outside 40–60 % or the US median is off by 10 % or more.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { salaryBandFor } from '../server/domain/salary-band-query.ts';
import {
  SURVEY_2024_DATE,
  SURVEY_2024_FILE,
  isBackEnd,
  respondents2024FromCsv,
} from '../server/seed/salary-reference.ts';
import {
  EVALUATION_QUERIES,
  bandsFrom,
  biggestCountries,
  coverageByCountry,
  splitRespondents,
  type CountryCoverage,
} from './salary-eval/evaluate.ts';

const args = new Map(
  process.argv
    .slice(2)
    .filter((arg) => arg.startsWith('--'))
    .map((arg) => {
      const [key, value] = arg.slice(2).split('=');
      return [key!, value ?? 'true'] as const;
    }),
);
const seed = args.get('seed') ?? 'backboard-2024';
const share = Number(args.get('holdout') ?? 0.2);
const countryCount = Number(args.get('countries') ?? 10);
const repeats = Number(args.get('repeats') ?? 20);
const strict = args.has('strict');
const file = args.get('file');
const today = new Date().toISOString().slice(0, 10);

const zipped = await readFile(file ?? SURVEY_2024_FILE);
const text = (file?.endsWith('.gz') === false ? zipped : await promisify(gunzip)(zipped)).toString('utf8');
const respondents = respondents2024FromCsv(text);
const { train, test } = splitRespondents(respondents, seed, share);
const countries = biggestCountries(respondents, countryCount);
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
const usd = (value: number | null) => (value === null ? '—' : `${Math.round(value / 1000)}k`);

console.log(
  `2024 extract: ${respondents.length} respondents (${respondents.filter(isBackEnd).length} back-end); ` +
    `seed "${seed}", held out ${test.length} (${test.filter(isBackEnd).length} back-end), kept ${train.length}.`,
);

// The API's answer: bands from every respondent, carried to today.
const served = bandsFrom(respondents, today);
const us = salaryBandFor(served, { country: 'US', currency: 'USD' }).band;
const usData = respondents.filter((respondent) => isBackEnd(respondent) && respondent.country === 'US');
const sortedUs = usData.map((respondent) => respondent.annualUsd).sort((a, b) => a - b);
const usMedian = (sortedUs[(sortedUs.length - 1) >> 1]! + sortedUs[sortedUs.length >> 1]!) / 2;
const usOff = us ? (us.p50 - usMedian) / usMedian : Number.NaN;
console.log(
  `\nUS back-end median: data USD ${usMedian} (n = ${usData.length}); band for country=US&currency=USD ` +
    `carried to ${today}: USD ${us?.p50} (n = ${us?.n}), ${(usOff * 100).toFixed(1)} % off.`,
);

function table(title: string, rows: CountryCoverage[]): void {
  console.log(`\n${title}\n`);
  console.log(`| country | held out | ${EVALUATION_QUERIES.join(' | ')} | data p50 | band p50 |`);
  console.log(`| --- | ---: | ${EVALUATION_QUERIES.map(() => '---:').join(' | ')} | ---: | ---: |`);
  for (const row of rows) {
    const cells = EVALUATION_QUERIES.map((kind) => percent(row.coverage[kind]));
    console.log(
      `| ${row.country} | ${row.n} | ${cells.join(' | ')} | ${usd(row.dataMedian)} | ${usd(row.bandMedian)} |`,
    );
  }
}

const atSurvey = coverageByCountry(bandsFrom(train, SURVEY_2024_DATE), test, countries);
table(`Held-out coverage of p25–p75, bands at the survey's date (${SURVEY_2024_DATE}), USD:`, atSurvey);
const carried = coverageByCountry(bandsFrom(train, today), test, countries);
table(`Held-out coverage of p25–p75, bands carried to ${today} as served, USD at the latest rates:`, carried);

// Many splits: the mean tells whether bands are centred, the range how much one split can swing.
const runs = new Map<string, { country: number[]; seniority: number[] }>(
  countries.map((country) => [country, { country: [], seniority: [] }]),
);
for (let run = 1; run <= repeats; run += 1) {
  const split = splitRespondents(respondents, `${seed}-${run}`, share);
  for (const row of coverageByCountry(bandsFrom(split.train, SURVEY_2024_DATE), split.test, countries)) {
    const entry = runs.get(row.country)!;
    if (row.coverage.country !== null) entry.country.push(row.coverage.country);
    if (row.coverage['country × seniority'] !== null)
      entry.seniority.push(row.coverage['country × seniority']);
  }
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const summary = (values: number[]) =>
  values.length === 0
    ? '— | — | —'
    : `${percent(mean(values))} | ${percent(Math.min(...values))}–${percent(Math.max(...values))} | ` +
      `${Math.round((values.filter((value) => value >= 0.4 && value <= 0.6).length / values.length) * 100)} %`;
console.log(
  `\nOver ${repeats} further splits, bands at the survey's date: mean coverage, range, splits within 40–60 %\n`,
);
console.log(
  '| country | by country: mean | range | within | by country × seniority: mean | range | within |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [country, entry] of runs) {
  console.log(`| ${country} | ${summary(entry.country)} | ${summary(entry.seniority)} |`);
}

const outside = [...runs].filter(([, entry]) => {
  const value = entry.country.length ? mean(entry.country) : Number.NaN;
  return !(value >= 0.4 && value <= 0.6);
});
console.log(
  outside.length === 0
    ? '\nEvery country’s mean coverage by country is within 40–60 %.'
    : `\nMean coverage by country outside 40–60 %: ${outside.map(([country]) => country).join(', ')}.`,
);
if (strict && (outside.length > 0 || !(Math.abs(usOff) < 0.1))) process.exit(1);
