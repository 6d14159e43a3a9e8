import { describe, expect, it } from 'vitest';
import { SURVEY_2024_DATE, loadSurvey2024, type Respondent2024 } from '../../server/seed/salary-reference.ts';
import {
  bandsFrom,
  biggestCountries,
  coverageByCountry,
  isHeldOut,
  splitRespondents,
} from '../../scripts/salary-eval/evaluate.ts';

function respondent(responseId: number, overrides: Partial<Respondent2024> = {}): Respondent2024 {
  return {
    responseId,
    role: 'Developer, back-end',
    country: 'DE',
    annualUsd: 50_000 + (responseId % 100) * 1_000,
    yearsPro: 6,
    level: 'senior',
    remote: 'remote',
    skills: [],
    ...overrides,
  };
}

describe('the held-out salary evaluation', () => {
  const everyone = Array.from({ length: 4_000 }, (_, index) => respondent(index + 1));

  it('holds out a seeded share of respondents by id alone', () => {
    const { train, test } = splitRespondents(everyone, 'seed-a', 0.2);
    expect(train.length + test.length).toBe(everyone.length);
    expect(test.length / everyone.length).toBeGreaterThan(0.18);
    expect(test.length / everyone.length).toBeLessThan(0.22);
    expect(test.every((entry) => isHeldOut(entry.responseId, 'seed-a', 0.2))).toBe(true);
    // Same seed, same side, whatever the order; another seed, another split.
    const reversed = splitRespondents([...everyone].reverse(), 'seed-a', 0.2);
    expect(reversed.test.map((entry) => entry.responseId).sort((a, b) => a - b)).toEqual(
      test.map((entry) => entry.responseId),
    );
    expect(splitRespondents(everyone, 'seed-b', 0.2).test).not.toEqual(test);
  });

  it('reports how often held-out back-end pay falls within p25–p75 of bands built from the rest', () => {
    const { train, test } = splitRespondents(everyone, 'seed-a', 0.2);
    const others = [respondent(9_001, { role: 'Developer, full-stack', country: 'US' })];
    expect(biggestCountries([...everyone, ...others], 3)).toEqual(['DE']);
    const [germany] = coverageByCountry(bandsFrom(train, SURVEY_2024_DATE), test, ['DE']);
    expect(germany!.n).toBe(test.length);
    // Pay spread evenly over 100 steps: the middle half holds about half of it.
    expect(germany!.coverage.country).toBeGreaterThan(0.45);
    expect(germany!.coverage.country).toBeLessThan(0.56);
    expect(Math.abs(germany!.bandMedian! - 99_500)).toBeLessThanOrEqual(1_000);
  });

  it('on the shipped 2024 extract, covers 40–60 % of held-out back-end pay in each of the ten biggest countries', async () => {
    const respondents = await loadSurvey2024();
    const countries = biggestCountries(respondents, 10);
    const coverage = new Map(countries.map((country) => [country, [] as number[]]));
    for (let run = 1; run <= 20; run += 1) {
      const split = splitRespondents(respondents, `backboard-2024-${run}`, 0.2);
      for (const row of coverageByCountry(bandsFrom(split.train, SURVEY_2024_DATE), split.test, countries)) {
        coverage.get(row.country)!.push(row.coverage.country!);
      }
    }
    for (const [country, shares] of coverage) {
      const mean = shares.reduce((sum, share) => sum + share, 0) / shares.length;
      expect(mean, country).toBeGreaterThanOrEqual(0.4);
      expect(mean, country).toBeLessThanOrEqual(0.6);
    }
  }, 60_000);
});
