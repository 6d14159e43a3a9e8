import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Seniority } from '../adapters/store/port.ts';
import { countryCodeForName } from '../domain/currency.ts';
import { levelForYears } from '../domain/salary-segments.ts';
import { findSkillId } from '../domain/taxonomy.ts';
import { CsvLineReader, type CsvRecord } from './csv.ts';

/**
 * Professional developers from the Stack Overflow Developer Survey 2019 (ODbL 1.0, see NOTICE.md),
 * shipped as a 20-column subset under `server/seed/data/so-survey-2019/`. It no longer feeds the salary
 * bands (the 2024 survey does, see salary-reference.ts): 2019 pay is five years old and the subset has no
 * role or experience column. What it still adds is real skill combinations — languages, databases,
 * platforms and frameworks together — for the demo candidate profiles, which the 2024 extract lacks.
 */

export const SURVEY_FILE = new URL(
  './data/so-survey-2019/survey_results_2019_subset.csv.gz',
  import.meta.url,
);

const PROFESSIONAL = 'I am a developer by profession';
const PROFESSIONAL_PREFIX = `${PROFESSIONAL},`;

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
 * Experience rule for 2019 respondents: the subset has no "years coding" column, so experience is
 * estimated as age minus 22 (a typical age on leaving university), at least 0; ages outside 16–75 count
 * as unknown. Only the demo profiles use it; the bands read years from the 2024 survey.
 */
export function estimatedYearsFromAge(age: number): number | null {
  if (!Number.isFinite(age) || age < 16 || age > 75) return null;
  return Math.max(0, Math.floor(age) - 22);
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

/**
 * Collects respondents from the survey CSV fed line by line (the file is 26 MB unpacked, so it is
 * streamed rather than held as one string).
 */
class RespondentCollector {
  readonly respondents: SurveyRespondent[] = [];
  private readonly reader = new CsvLineReader();
  private columns: ColumnIndexes | undefined;
  private line = 0;

  push(text: string): void {
    this.line += 1;
    // Cheap skip: a row that is neither the header nor a professional's cannot be kept.
    if (this.columns && this.reader.idle && !text.startsWith(PROFESSIONAL_PREFIX) && !text.includes('"'))
      return;
    this.take(this.reader.push(text, this.line));
  }

  end(): SurveyRespondent[] {
    this.take(this.reader.end());
    return this.respondents;
  }

  private take(records: CsvRecord[]): void {
    for (const record of records) {
      if (!record.fields) continue;
      if (!this.columns) this.columns = columnIndexes(record.fields);
      else this.keep(record.line, record.fields, this.columns);
    }
  }

  private keep(line: number, fields: string[], columns: ColumnIndexes): void {
    if (fields[columns.mainBranch] !== PROFESSIONAL) return;
    const annualUsd = Number(fields[columns.comp]);
    if (!(annualUsd >= MIN_ANNUAL_USD && annualUsd < MAX_ANNUAL_USD)) return;
    const years = estimatedYearsFromAge(Number(fields[columns.age]));
    this.respondents.push({
      line,
      country: countryCodeForName(fields[columns.country] ?? '') ?? null,
      annualUsd,
      skills: skillIdsOf(columns.skills.map((index) => fields[index])),
      desiredSkills: skillIdsOf(columns.desires.map((index) => fields[index])),
      yearsExperience: years,
      seniority: years === null ? null : levelForYears(years),
      workLocation: WORK_LOCATIONS[fields[columns.workLoc] ?? ''] ?? null,
    });
  }
}

interface ColumnIndexes {
  mainBranch: number;
  country: number;
  comp: number;
  age: number;
  workLoc: number;
  skills: number[];
  desires: number[];
}

function columnIndexes(header: string[]): ColumnIndexes {
  const column = new Map(header.map((name, index) => [name.trim(), index]));
  const need = (name: string) => {
    const index = column.get(name);
    if (index === undefined) throw new Error(`The survey file has no ${name} column`);
    return index;
  };
  return {
    mainBranch: need('MainBranch'),
    country: need('Country'),
    comp: need('ConvertedComp'),
    age: need('Age'),
    workLoc: need('WorkLoc'),
    skills: SKILL_COLUMNS.map(need),
    desires: DESIRE_COLUMNS.map(need),
  };
}

/** Respondents from a survey CSV text (the shipped file's columns): professionals with a kept salary. */
export function respondentsFromCsv(text: string): SurveyRespondent[] {
  const collector = new RespondentCollector();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) collector.push(line);
  return collector.end();
}

async function respondentsFromFile(file: URL): Promise<SurveyRespondent[]> {
  const collector = new RespondentCollector();
  const input = createReadStream(file).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) collector.push(line);
  return collector.end();
}

let respondentsCache: Promise<SurveyRespondent[]> | undefined;

/** The shipped survey's professional respondents, read once per process. */
export function loadSurveyRespondents(): Promise<SurveyRespondent[]> {
  respondentsCache ??= respondentsFromFile(SURVEY_FILE);
  respondentsCache.catch(() => {
    respondentsCache = undefined;
  });
  return respondentsCache;
}
