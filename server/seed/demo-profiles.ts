import type { ProfileData, ProfileSkill, RemotePolicy } from '../adapters/store/port.ts';
import { currencyForCountry } from '../domain/currency.ts';
import type { BandTable } from '../domain/salary-bands.ts';
import { salaryBandFor } from '../domain/salary-band-query.ts';
import { amountAtPercentile } from '../domain/salary-position.ts';
import { getSkill } from '../domain/taxonomy.ts';
import { shapeProfileRecord } from './records.ts';
import type { SurveyRespondent } from './survey-2019.ts';

/**
 * Demo candidate profiles from 2019 survey respondents: their real skill combinations, place and
 * estimated experience, with an expected salary read off today's bands.
 */

function roundTo(amount: number, step: number): number {
  return Math.max(step, Math.round(amount / step) * step);
}

/** A yearly pay amount rounded as people state it: to 1 000 units (100 000 for currencies like IDR). */
export function roundPay(amount: number): number {
  return roundTo(amount, amount >= 10_000_000 ? 100_000 : 1_000);
}

const REMOTE_FOR_WORK_LOCATION: Readonly<Record<string, RemotePolicy>> = {
  home: 'remote',
  office: 'onsite',
  elsewhere: 'hybrid',
};

/**
 * Levels rule for survey respondents, who say which technologies they worked with but not how well:
 * level 3 (working proficiency) by default, 2 with under 2 years' estimated experience, 4 with 8 or
 * more; one level more (at most 5) for a technology they also want to keep using next year.
 */
export function respondentSkillLevel(yearsExperience: number | null, keepsUsing: boolean): number {
  const base = yearsExperience === null ? 3 : yearsExperience < 2 ? 2 : yearsExperience >= 8 ? 4 : 3;
  return Math.min(5, base + (keepsUsing ? 1 : 0));
}

const HEADLINE_CATEGORY_ORDER = ['language', 'framework', 'database'];

function headlineFor(respondent: SurveyRespondent, skills: ProfileSkill[]): string {
  const ranked = [...skills].sort((a, b) => {
    const rank = (entry: ProfileSkill) => {
      const index = HEADLINE_CATEGORY_ORDER.indexOf(getSkill(entry.skill.id)?.category ?? '');
      return index === -1 ? HEADLINE_CATEGORY_ORDER.length : index;
    };
    return rank(a) - rank(b);
  });
  const role = respondent.seniority
    ? `${respondent.seniority[0]!.toUpperCase()}${respondent.seniority.slice(1)} developer`
    : 'Developer';
  return `${role} · ${ranked
    .slice(0, 3)
    .map((entry) => entry.skill.name)
    .join(', ')}`;
}

/** A respondent as a discoverable candidate profile; expected pay near what they reported. */
export function demoProfileFor(
  respondent: SurveyRespondent,
  expectationFor: ExpectationRule = () => null,
): ProfileData | null {
  if (!respondent.country) return null;
  const desired = new Set(respondent.desiredSkills);
  // Names, not ids: the schema takes what a user would type, and every name resolves to its own id.
  const skills = respondent.skills.slice(0, 100).map((id) => ({
    skill: getSkill(id)?.name ?? id,
    level: respondentSkillLevel(respondent.yearsExperience, desired.has(id)),
  }));
  const expectedSalary = expectationFor(respondent);
  const shaped = shapeProfileRecord(
    {
      headline: '',
      yearsExperience: respondent.yearsExperience ?? 0,
      seniority: respondent.seniority,
      location: { country: respondent.country, city: '' },
      remote: respondent.workLocation ? REMOTE_FOR_WORK_LOCATION[respondent.workLocation] : null,
      expectedSalary,
      skills,
      discoverable: true,
    },
    { map: {}, content: String(respondent.line), convert: false },
  );
  if (!shaped.ok) return null;
  return { ...shaped.value.data, headline: headlineFor(respondent, shaped.value.data.skills) };
}

/**
 * Respondents for demo profiles: those with a known country and at least three taxonomy skills, taken
 * at an even stride through the file so every market and skill mix is represented.
 */
export function pickRespondents(respondents: readonly SurveyRespondent[], count: number): SurveyRespondent[] {
  const eligible = respondents.filter((respondent) => respondent.country && respondent.skills.length >= 3);
  if (eligible.length <= count) return [...eligible];
  const stride = eligible.length / count;
  return Array.from({ length: count }, (_, index) => eligible[Math.floor(index * stride)]!);
}

export type ExpectationRule = (
  respondent: SurveyRespondent,
) => { min: number; currency: string; period: 'year' } | null;

/** Where an amount ranks among sorted amounts, as a percentile (ties count half). */
function percentileRank(sorted: readonly number[], amount: number): number {
  let below = 0;
  let high = sorted.length;
  while (below < high) {
    const middle = (below + high) >> 1;
    if (sorted[middle]! < amount) below = middle + 1;
    else high = middle;
  }
  let equal = 0;
  while (below + equal < sorted.length && sorted[below + equal] === amount) equal += 1;
  return ((below + equal / 2) / sorted.length) * 100;
}

/** A country's pay ranks against its own respondents from this many on; fewer rank against everyone. */
const MIN_COUNTRY_RESPONDENTS = 30;

/**
 * Expectation rule: a respondent's 2019 pay is five years old and in 2019 dollars, so it is not used as
 * such. Their rank among the 2019 respondents of their country (or all of them, where the country has
 * under 30) is kept — between the 10th and the 90th percentile — and read off today's band for their
 * level and country, in the local currency (USD where the local amount would pass the API's cap of
 * 100 000 000, as for IDR and VND). No band, no expectation.
 */
export function expectationRule(respondents: readonly SurveyRespondent[], bands: BandTable): ExpectationRule {
  const byCountry = new Map<string, number[]>();
  const everyone: number[] = [];
  for (const respondent of respondents) {
    everyone.push(respondent.annualUsd);
    if (!respondent.country) continue;
    let pay = byCountry.get(respondent.country);
    if (!pay) byCountry.set(respondent.country, (pay = []));
    pay.push(respondent.annualUsd);
  }
  everyone.sort((a, b) => a - b);
  for (const pay of byCountry.values()) pay.sort((a, b) => a - b);
  return (respondent) => {
    if (!respondent.country) return null;
    const own = byCountry.get(respondent.country) ?? [];
    const peers = own.length >= MIN_COUNTRY_RESPONDENTS ? own : everyone;
    const percentile = Math.min(90, Math.max(10, percentileRank(peers, respondent.annualUsd)));
    const currency = currencyForCountry(respondent.country);
    const answer = salaryBandFor(bands, {
      country: respondent.country,
      currency,
      ...(respondent.seniority ? { seniority: respondent.seniority } : {}),
    });
    if (!answer.band) return null;
    const local = roundPay(amountAtPercentile(answer.band, percentile));
    if (local <= 100_000_000) return { min: local, currency, period: 'year' };
    const usd = salaryBandFor(bands, { country: respondent.country, currency: 'USD' }).band;
    return usd
      ? { min: roundPay(amountAtPercentile(usd, percentile)), currency: 'USD', period: 'year' }
      : null;
  };
}
