import { describe, expect, it } from 'vitest';
import {
  estimatedYearsFromAge,
  loadSurveyRespondents,
  respondentsFromCsv,
  skillIdsForSurveyLabel,
} from '../../server/seed/survey-2019.ts';

const HEADER =
  'MainBranch,Country,ConvertedComp,Age,WorkLoc,LanguageWorkedWith,LanguageDesireNextYear,' +
  'DatabaseWorkedWith,DatabaseDesireNextYear,PlatformWorkedWith,PlatformDesireNextYear,' +
  'WebFrameWorkedWith,WebFrameDesireNextYear';
const PRO = 'I am a developer by profession';

function surveyCsv(rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
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

  it('estimates experience from age, for the demo profiles only', () => {
    expect([15, 20, 22, 30, 75, 76].map(estimatedYearsFromAge)).toEqual([null, 0, 0, 8, 53, null]);
  });
});

describe('the shipped 2019 survey', () => {
  it('holds tens of thousands of professionals with real skill combinations', async () => {
    const respondents = await loadSurveyRespondents();
    expect(respondents.length).toBeGreaterThan(30_000);
    const withSkills = respondents.filter((respondent) => respondent.skills.length >= 3);
    expect(withSkills.length / respondents.length).toBeGreaterThan(0.8);
    expect(new Set(respondents.map((respondent) => respondent.country)).size).toBeGreaterThan(100);
  });

  it('is read once and cached', async () => {
    const [first, second] = await Promise.all([loadSurveyRespondents(), loadSurveyRespondents()]);
    expect(second).toBe(first);
  });
});
