import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Seniority } from '../adapters/store/port.ts';
import { countryCodeForName } from '../domain/currency.ts';
import type { SalarySample } from '../domain/salary-bands.ts';
import { findSkillId } from '../domain/taxonomy.ts';
import { parseCsv } from './csv.ts';

/**
 * The salary reference: professional developers from the Stack Overflow Developer Survey 2019 (ODbL 1.0,
 * see NOTICE.md), shipped as a 20-column subset under `server/seed/data/so-survey-2019/`.
 */

export const SURVEY_FILE = new URL(
  './data/so-survey-2019/survey_results_2019_subset.csv.gz',
  import.meta.url,
);

const PROFESSIONAL = 'I am a developer by profession';

/**
 * Outlier rule: keep yearly compensation from USD 1 000 to under USD 1 000 000. The survey top-coded
 * answers at 2 000 000 and has a spike of exactly 1 000 000 (people typing a local-currency or joke
 * figure); under 1 000 a year is a monthly or mistyped amount. The rule drops about 3.7 % of answers.
 */
export const MIN_ANNUAL_USD = 1_000;
export const MAX_ANNUAL_USD = 1_000_000;

/** Survey answers that are not one taxonomy name; everything else resolves by name or alias. */
const SURVEY_LABELS: Readonly<Record<string, readonly string[]>> = {
  'Bash/Shell/PowerShell': ['shell-scripting'],
  'HTML/CSS': ['html', 'css'],
  'Angular/Angular.js': ['angular'],
  'IBM Cloud or Watson': ['ibm-cloud'],
};

const SKILL_COLUMNS = [
  'LanguageWorkedWith',
  'DatabaseWorkedWith',
  'PlatformWorkedWith',
  'WebFrameWorkedWith',
] as const;
const DESIRE_COLUMNS = [
  'LanguageDesireNextYear',
  'DatabaseDesireNextYear',
  'PlatformDesireNextYear',
  'WebFrameDesireNextYear',
] as const;

const labelCache = new Map<string, readonly string[]>();

/** Taxonomy ids for one survey answer such as "Go" or "HTML/CSS"; free text ("Other(s):") gives none. */
export function skillIdsForSurveyLabel(label: string): readonly string[] {
  let ids = labelCache.get(label);
  if (!ids) {
    const mapped = SURVEY_LABELS[label];
    const id = mapped ? undefined : findSkillId(label);
    ids = mapped ?? (id === undefined ? [] : [id]);
    labelCache.set(label, ids);
  }
  return ids;
}

function skillIdsOf(cells: (string | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const cell of cells) {
    if (!cell || cell === 'NA') continue;
    for (const label of cell.split(';')) for (const id of skillIdsForSurveyLabel(label.trim())) ids.add(id);
  }
  return [...ids];
}

/**
 * Experience rule: the subset has no "years coding" column, so experience is estimated as age minus 22
 * (a typical age on leaving university), at least 0; ages outside 16–75 count as unknown. Seniority then
 * follows the matcher's years rule (`candidateSeniorityRank`): under 2 junior, under 5 mid, under 8
 * senior, else staff.
 */
export function estimatedYearsFromAge(age: number): number | null {
  if (!Number.isFinite(age) || age < 16 || age > 75) return null;
  return Math.max(0, Math.floor(age) - 22);
}

export function seniorityForYears(years: number): Seniority {
  if (years < 2) return 'junior';
  if (years < 5) return 'mid';
  return years < 8 ? 'senior' : 'staff';
}

export type WorkLocation = 'office' | 'home' | 'elsewhere' | null;

/** One professional respondent with a usable salary, as the seed needs them. */
export interface SurveyRespondent {
  /** 1-based line in the CSV file (header = line 1): a stable id for the seed. */
  line: number;
  /** ISO 3166 alpha-2; null when the survey's country is not in the currency table. */
  country: string | null;
  annualUsd: number;
  /** Taxonomy ids the respondent worked with in 2019. */
  skills: string[];
  /** Taxonomy ids they wanted to work with the next year. */
  desiredSkills: string[];
  yearsExperience: number | null;
  seniority: Seniority | null;
  workLocation: WorkLocation;
}

const WORK_LOCATIONS: Readonly<Record<string, WorkLocation>> = {
  Office: 'office',
  Home: 'home',
  'Other place, such as a coworking space or cafe': 'elsewhere',
};

/** Respondents from a survey CSV text (the shipped file's columns): professionals with a kept salary. */
export function respondentsFromCsv(text: string): SurveyRespondent[] {
  const records = parseCsv(text);
  const header = records[0]?.fields;
  if (!header) return [];
  const column = new Map(header.map((name, index) => [name, index]));
  const need = (name: string) => {
    const index = column.get(name);
    if (index === undefined) throw new Error(`The survey file has no ${name} column`);
    return index;
  };
  const mainBranch = need('MainBranch');
  const country = need('Country');
  const comp = need('ConvertedComp');
  const age = need('Age');
  const workLoc = need('WorkLoc');
  const skillColumns = SKILL_COLUMNS.map(need);
  const desireColumns = DESIRE_COLUMNS.map(need);

  const out: SurveyRespondent[] = [];
  for (const record of records.slice(1)) {
    const fields = record.fields;
    if (!fields || fields[mainBranch] !== PROFESSIONAL) continue;
    const annualUsd = Number(fields[comp]);
    if (!(annualUsd >= MIN_ANNUAL_USD && annualUsd < MAX_ANNUAL_USD)) continue;
    const years = estimatedYearsFromAge(Number(fields[age]));
    out.push({
      line: record.line,
      country: countryCodeForName(fields[country] ?? '') ?? null,
      annualUsd,
      skills: skillIdsOf(skillColumns.map((index) => fields[index])),
      desiredSkills: skillIdsOf(desireColumns.map((index) => fields[index])),
      yearsExperience: years,
      seniority: years === null ? null : seniorityForYears(years),
      workLocation: WORK_LOCATIONS[fields[workLoc] ?? ''] ?? null,
    });
  }
  return out;
}

/** Salary samples from respondents: yearly USD, estimated seniority, country, skills; source "survey". */
export function samplesFromRespondents(respondents: readonly SurveyRespondent[]): SalarySample[] {
  return respondents.map((respondent) => ({
    annualUsd: respondent.annualUsd,
    seniority: respondent.seniority,
    country: respondent.country,
    skills: respondent.skills,
    source: 'survey',
  }));
}

let respondentsCache: Promise<SurveyRespondent[]> | undefined;
let samplesCache: Promise<SalarySample[]> | undefined;

/** The shipped survey's professional respondents, read once per process. */
export function loadSurveyRespondents(): Promise<SurveyRespondent[]> {
  respondentsCache ??= readFile(SURVEY_FILE)
    .then((gz) => promisify(gunzip)(gz))
    .then((csv) => respondentsFromCsv(csv.toString('utf8')));
  respondentsCache.catch(() => {
    respondentsCache = undefined;
  });
  return respondentsCache;
}

/** The salary reference samples from the shipped survey, computed once per process. */
export function loadSalaryReferenceSamples(): Promise<SalarySample[]> {
  samplesCache ??= loadSurveyRespondents().then(samplesFromRespondents);
  samplesCache.catch(() => {
    samplesCache = undefined;
  });
  return samplesCache;
}
