import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { RemotePolicy } from '../adapters/store/port.ts';
import { countryCodeForName } from '../domain/currency.ts';
import type { SalarySample } from '../domain/salary-bands.ts';
import { type ExperienceLevel, levelForYears } from '../domain/salary-segments.ts';
import { findSkillId } from '../domain/taxonomy.ts';
import { parseCsv } from './csv.ts';

/**
 * The salary reference: respondents of the Stack Overflow Developer Survey 2024 who reported pay
 * (ODbL 1.0, see NOTICE.md), shipped under `server/seed/data/so-survey-2024/`.
 */

export const SURVEY_2024_FILE = new URL(
  './data/so-survey-2024/survey_results_2024_pay.csv.gz',
  import.meta.url,
);

/** The survey ran from late May to June 2024; Stack Overflow converted its pay to US dollars then. */
export const SURVEY_2024_DATE = '2024-05-31';

/**
 * Back-end rule: a respondent counts when their role (`DevType`, one answer in this extract) is
 * "Developer, back-end" — the role whose work is what Backboard lists. Full-stack developers are left
 * out: their jobs are posted as full-stack, and they are paid differently (US median in this extract
 * USD 130k against 170k for back-end). So are infrastructure and data roles (DevOps, SRE, cloud, data
 * engineers): neighbours with their own pay, not back-end development.
 */
export const BACK_END_ROLES: ReadonlySet<string> = new Set(['Developer, back-end']);

/**
 * Outlier rule: keep yearly pay from USD 1 000 to USD 1 000 000. Below that is a monthly or mistyped
 * amount; above it, local-currency or joke figures (the extract has answers up to USD 16 million). The
 * rule drops 2.5 % of all answers and 2.0 % of back-end ones.
 */
export const MIN_ANNUAL_USD = 1_000;
export const MAX_ANNUAL_USD = 1_000_000;

const REMOTE: Readonly<Record<string, RemotePolicy>> = {
  Remote: 'remote',
  'Hybrid (some remote, some in-person)': 'hybrid',
  'In-person': 'onsite',
};

export interface Respondent2024 {
  responseId: number;
  role: string;
  /** ISO 3166 alpha-2; null when the survey's country is not in Backboard's country table. */
  country: string | null;
  annualUsd: number;
  /** `YearsCodePro`: "Less than 1 year" is 0, "More than 50 years" 51; null when not answered. */
  yearsPro: number | null;
  /** Experience rule: `levelForYears(yearsPro)` — under 2 junior, under 5 mid, under 8 senior, else staff. */
  level: ExperienceLevel | null;
  remote: RemotePolicy | null;
  /** Taxonomy ids of the web frameworks and cloud platforms they worked with. */
  skills: string[];
}

export function yearsFromAnswer(answer: string | undefined): number | null {
  if (answer === 'Less than 1 year') return 0;
  if (answer === 'More than 50 years') return 51;
  const years = Number(answer);
  return answer && answer !== 'NA' && Number.isFinite(years) && years >= 0 ? years : null;
}

const skillCache = new Map<string, string | undefined>();

function skillIdsOf(cells: (string | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const cell of cells) {
    if (!cell || cell === 'NA') continue;
    for (const label of cell.split(';')) {
      if (!skillCache.has(label)) skillCache.set(label, findSkillId(label.trim()));
      const id = skillCache.get(label);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

/** Every respondent of a 2024 extract (the shipped file's columns) with a pay figure, any role. */
export function respondents2024FromCsv(text: string): Respondent2024[] {
  const records = parseCsv(text);
  const header = records[0]?.fields;
  if (!header) throw new Error('The 2024 survey file is empty');
  const column = new Map(header.map((name, index) => [name.trim(), index]));
  const need = (name: string) => {
    const index = column.get(name);
    if (index === undefined) throw new Error(`The 2024 survey file has no ${name} column`);
    return index;
  };
  const at = {
    id: need('ResponseId'),
    role: need('DevType'),
    country: need('Country'),
    pay: need('ConvertedCompYearly'),
    years: need('YearsCodePro'),
    remote: need('RemoteWork'),
    frameworks: need('WebframeHaveWorkedWith'),
    platforms: need('PlatformHaveWorkedWith'),
  };
  const out: Respondent2024[] = [];
  for (const record of records.slice(1)) {
    const fields = record.fields;
    if (!fields) continue;
    const annualUsd = Number(fields[at.pay]);
    if (!(annualUsd > 0)) continue;
    const yearsPro = yearsFromAnswer(fields[at.years]);
    out.push({
      responseId: Number(fields[at.id]),
      role: fields[at.role] ?? 'NA',
      country: countryCodeForName(fields[at.country] ?? '') ?? null,
      annualUsd,
      yearsPro,
      level: yearsPro === null ? null : levelForYears(yearsPro),
      remote: REMOTE[fields[at.remote] ?? ''] ?? null,
      skills: skillIdsOf([fields[at.frameworks], fields[at.platforms]]),
    });
  }
  return out;
}

export function isBackEnd(respondent: Pick<Respondent2024, 'role'>): boolean {
  return BACK_END_ROLES.has(respondent.role);
}

/** Reference samples: back-end respondents with plausible pay, in USD as of the survey's date. */
export function referenceSamples(respondents: readonly Respondent2024[]): SalarySample[] {
  const samples: SalarySample[] = [];
  for (const respondent of respondents) {
    const { annualUsd } = respondent;
    if (!isBackEnd(respondent) || !(annualUsd >= MIN_ANNUAL_USD && annualUsd <= MAX_ANNUAL_USD)) continue;
    samples.push({
      amount: annualUsd,
      currency: 'USD',
      date: SURVEY_2024_DATE,
      level: respondent.level,
      country: respondent.country,
      remote: respondent.remote,
      skills: respondent.skills,
      source: 'survey',
    });
  }
  return samples;
}

let respondentsCache: Promise<Respondent2024[]> | undefined;
let samplesCache: Promise<SalarySample[]> | undefined;

/** The shipped 2024 extract's respondents, read once per process. */
export function loadSurvey2024(): Promise<Respondent2024[]> {
  respondentsCache ??= readFile(SURVEY_2024_FILE)
    .then((zipped) => promisify(gunzip)(zipped))
    .then((text) => respondents2024FromCsv(text.toString('utf8')));
  respondentsCache.catch(() => {
    respondentsCache = undefined;
  });
  return respondentsCache;
}

/** The salary reference samples from the shipped 2024 survey, computed once per process. */
export function loadSalaryReferenceSamples(): Promise<SalarySample[]> {
  samplesCache ??= loadSurvey2024().then(referenceSamples);
  samplesCache.catch(() => {
    samplesCache = undefined;
  });
  return samplesCache;
}
