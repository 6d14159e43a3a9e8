import { describe, expect, it } from 'vitest';
import { computeBands } from '../../server/domain/salary-bands.ts';
import { salaryBandFor } from '../../server/domain/salary-band-query.ts';
import {
  SURVEY_2024_DATE,
  isBackEnd,
  loadSalaryReferenceSamples,
  loadSurvey2024,
  referenceSamples,
  respondents2024FromCsv,
  yearsFromAnswer,
} from '../../server/seed/salary-reference.ts';

const HEADER =
  'ResponseId,MainBranch,Age,RemoteWork,EdLevel,YearsCode,YearsCodePro,DevType,OrgSize,Country,' +
  'ConvertedCompYearly,WebframeHaveWorkedWith,PlatformHaveWorkedWith';
const PRO = 'I am a developer by profession';

function surveyCsv(rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('respondents2024FromCsv', () => {
  const csv = surveyCsv([
    `7,${PRO},25-34 years old,Remote,BSc,9,6,"Developer, back-end",20 to 99 employees,Germany,85000,Django;Htmx,Amazon Web Services`,
    `8,${PRO},18-24 years old,"Hybrid (some remote, some in-person)",BSc,3,Less than 1 year,"Developer, full-stack",NA,United States of America,70000,NA,NA`,
    `9,${PRO},65 years or older,In-person,BSc,51,More than 50 years,"Developer, back-end",NA,Atlantis,90000,NA,NA`,
    `10,${PRO},35-44 years old,NA,BSc,NA,NA,"Developer, back-end",NA,Poland,500,NA,NA`,
    `11,${PRO},35-44 years old,NA,BSc,NA,NA,"Developer, back-end",NA,Poland,NA,NA,NA`,
  ]);

  it('reads role, country, experience, remote work, pay and skills', () => {
    expect(respondents2024FromCsv(csv)).toEqual([
      {
        responseId: 7,
        role: 'Developer, back-end',
        country: 'DE',
        annualUsd: 85_000,
        yearsPro: 6,
        level: 'senior',
        remote: 'remote',
        skills: ['django', 'aws'],
      },
      {
        responseId: 8,
        role: 'Developer, full-stack',
        country: 'US',
        annualUsd: 70_000,
        yearsPro: 0,
        level: 'junior',
        remote: 'hybrid',
        skills: [],
      },
      {
        responseId: 9,
        role: 'Developer, back-end',
        country: null,
        annualUsd: 90_000,
        yearsPro: 51,
        level: 'staff',
        remote: 'onsite',
        skills: [],
      },
      {
        responseId: 10,
        role: 'Developer, back-end',
        country: 'PL',
        annualUsd: 500,
        yearsPro: null,
        level: null,
        remote: null,
        skills: [],
      },
    ]);
  });

  it('keeps back-end developers with plausible pay as survey samples of May 2024', () => {
    const samples = referenceSamples(respondents2024FromCsv(csv));
    expect(samples).toEqual([
      {
        amount: 85_000,
        currency: 'USD',
        date: SURVEY_2024_DATE,
        level: 'senior',
        country: 'DE',
        remote: 'remote',
        skills: ['django', 'aws'],
        source: 'survey',
      },
      {
        amount: 90_000,
        currency: 'USD',
        date: SURVEY_2024_DATE,
        level: 'staff',
        country: null,
        remote: 'onsite',
        skills: [],
        source: 'survey',
      },
    ]);
    expect(isBackEnd({ role: 'Developer, full-stack' })).toBe(false);
  });

  it('reads the survey’s worded experience answers and refuses a file without its columns', () => {
    expect(
      ['Less than 1 year', 'More than 50 years', '12', 'NA', '', undefined].map(yearsFromAnswer),
    ).toEqual([0, 51, 12, null, null, null]);
    expect(() => respondents2024FromCsv('ResponseId,Country\n1,Germany\n')).toThrow(/DevType/);
  });
});

describe('the shipped 2024 reference', () => {
  it('gives a US back-end median within 10 % of the data’s, carried forward, and bands that rise with experience', async () => {
    const respondents = await loadSurvey2024();
    expect(respondents.length).toBe(18_794);
    const usBackEnd = respondents.filter(
      (respondent) => isBackEnd(respondent) && respondent.country === 'US',
    );
    const dataMedian = median(usBackEnd.map((respondent) => respondent.annualUsd));
    expect(dataMedian).toBe(170_000);

    const table = computeBands(await loadSalaryReferenceSamples(), { asOf: '2026-12-02' });
    const us = salaryBandFor(table, { country: 'US', currency: 'USD' }).band!;
    expect(us.segment).toEqual({ country: 'US' });
    expect(Math.abs(us.p50 - dataMedian) / dataMedian).toBeLessThan(0.1);
    expect(us.dataFrom).toBe(SURVEY_2024_DATE);

    for (const country of ['US', 'UA', 'DE', 'GB', 'IN', 'PL', 'FR']) {
      const medians = (['junior', 'mid', 'senior', 'staff'] as const).map(
        (seniority) => salaryBandFor(table, { country, seniority }).band!.p50,
      );
      expect(medians, country).toEqual([...medians].sort((a, b) => a - b));
      expect(medians[3]!, country).toBeGreaterThan(medians[0]! * 1.3);
    }
  });

  it('holds one row per respondent, so each survey sample is its own contributor', async () => {
    const respondents = await loadSurvey2024();
    expect(new Set(respondents.map((respondent) => respondent.responseId)).size).toBe(respondents.length);
    expect((await loadSalaryReferenceSamples()).some((sample) => sample.contributor !== undefined)).toBe(
      false,
    );
  });

  it('is read once and cached', async () => {
    expect(await loadSalaryReferenceSamples()).toBe(await loadSalaryReferenceSamples());
    expect((await loadSalaryReferenceSamples()).every((sample) => sample.source === 'survey')).toBe(true);
  });
});
