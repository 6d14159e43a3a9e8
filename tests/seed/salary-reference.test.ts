import { describe, expect, it } from 'vitest';
import {
  loadSalaryReferenceSamples,
  loadSurveyRespondents,
  respondentsFromCsv,
  seniorityForYears,
  skillIdsForSurveyLabel,
} from '../../server/seed/salary-reference.ts';

const HEADER =
  'MainBranch,Country,ConvertedComp,Age,WorkLoc,LanguageWorkedWith,LanguageDesireNextYear,' +
  'DatabaseWorkedWith,DatabaseDesireNextYear,PlatformWorkedWith,PlatformDesireNextYear,' +
  'WebFrameWorkedWith,WebFrameDesireNextYear';
const PRO = 'I am a developer by profession';

function surveyCsv(rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('respondentsFromCsv', () => {
  it('keeps professional developers with a plausible salary and maps country, skills and experience', () => {
    const csv = surveyCsv([
      `${PRO},Germany,65000,30,Home,Go;HTML/CSS;Other(s):,Rust,PostgreSQL,NA,Docker;Raspberry Pi,NA,Django,NA`,
      `"I am a student who is learning to code",Germany,65000,20,Office,Go,NA,NA,NA,NA,NA,NA,NA`,
      `${PRO},United States,NA,40,Office,Java,NA,NA,NA,NA,NA,NA,NA`,
      `${PRO},United States,0,40,Office,Java,NA,NA,NA,NA,NA,NA,NA`,
      `${PRO},United States,2000000,40,Office,Java,NA,NA,NA,NA,NA,NA,NA`,
      `${PRO},United States,999,40,Office,Java,NA,NA,NA,NA,NA,NA,NA`,
      `${PRO},Atlantis,50000,NA,"Other place, such as a coworking space or cafe",Bash/Shell/PowerShell,NA,NA,NA,NA,NA,NA,NA`,
    ]);
    const respondents = respondentsFromCsv(csv);
    expect(respondents).toEqual([
      {
        line: 2,
        country: 'DE',
        annualUsd: 65_000,
        skills: ['go', 'html', 'css', 'postgresql', 'docker', 'django'],
        desiredSkills: ['rust'],
        yearsExperience: 8,
        seniority: 'staff',
        workLocation: 'home',
      },
      {
        line: 8,
        country: null,
        annualUsd: 50_000,
        skills: ['shell-scripting'],
        desiredSkills: [],
        yearsExperience: null,
        seniority: null,
        workLocation: 'elsewhere',
      },
    ]);
  });

  it('refuses a file without the columns it needs', () => {
    expect(() => respondentsFromCsv('MainBranch,Country\nx,y\n')).toThrow(/ConvertedComp/);
  });

  it('drops free-text survey answers and maps combined ones', () => {
    expect(skillIdsForSurveyLabel('Other(s):')).toEqual([]);
    expect(skillIdsForSurveyLabel('Microsoft SQL Server')).toEqual(['sql-server']);
    expect(skillIdsForSurveyLabel('Angular/Angular.js')).toEqual(['angular']);
  });

  it('maps years to seniority with the matcher thresholds', () => {
    expect([0, 1.9, 2, 4, 5, 7, 8, 30].map(seniorityForYears)).toEqual([
      'junior',
      'junior',
      'mid',
      'mid',
      'senior',
      'senior',
      'staff',
      'staff',
    ]);
  });
});

describe('the shipped 2019 survey reference', () => {
  it('gives plausible United States medians', async () => {
    const samples = await loadSalaryReferenceSamples();
    expect(samples.length).toBeGreaterThan(30_000);
    expect(samples.every((sample) => sample.source === 'survey')).toBe(true);

    const us = samples.filter((sample) => sample.country === 'US');
    const usMedian = median(us.map((sample) => sample.annualUsd));
    expect(usMedian).toBeGreaterThanOrEqual(80_000);
    expect(usMedian).toBeLessThanOrEqual(150_000);

    // Published 2019 median for back-end developers in the US: USD 116k. The subset has no job-title
    // column, so "back-end typical" here means a back-end language together with a server database.
    const backEndLanguages = new Set(['java', 'go', 'python', 'csharp', 'ruby', 'php', 'scala', 'kotlin']);
    const databases = new Set(['postgresql', 'mysql', 'sql-server', 'oracle-db', 'mongodb', 'redis']);
    const backEnd = us.filter(
      (sample) =>
        sample.skills.some((id) => backEndLanguages.has(id)) && sample.skills.some((id) => databases.has(id)),
    );
    const backEndMedian = median(backEnd.map((sample) => sample.annualUsd));
    expect(Math.abs(backEndMedian - 116_000) / 116_000).toBeLessThanOrEqual(0.1);

    const worldwide = median(samples.map((sample) => sample.annualUsd));
    expect(worldwide).toBeGreaterThan(40_000);
    expect(worldwide).toBeLessThan(75_000);
  });

  it('is read once and cached', async () => {
    const [first, second] = await Promise.all([loadSurveyRespondents(), loadSurveyRespondents()]);
    expect(second).toBe(first);
    expect(await loadSalaryReferenceSamples()).toBe(await loadSalaryReferenceSamples());
  });
});
