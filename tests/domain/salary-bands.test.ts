import { describe, expect, it } from 'vitest';
import { RATES_DATE, convert, ratesOn } from '../../server/domain/exchange-rates.ts';
import { payGrowthFactor } from '../../server/domain/pay-growth.ts';
import { computeBands, type SalarySample } from '../../server/domain/salary-bands.ts';
import { OUTLIER_FENCE, weightedPercentile } from '../../server/domain/salary-percentiles.ts';
import { bandQueryForListing, salaryBandFor } from '../../server/domain/salary-band-query.ts';
import { amountAtPercentile, positionInBand } from '../../server/domain/salary-position.ts';
import { POSTING_HALF_LIFE_DAYS, POSTING_WEIGHT, postingSample } from '../../server/domain/salary-samples.ts';
import {
  levelForSeniority,
  levelForYears,
  segmentKey,
  segmentKeysOf,
  wideningChain,
} from '../../server/domain/salary-segments.ts';
import { candidateSeniorityRank } from '../../server/domain/match-rules.ts';
import { listingData, salarySamples } from '../helpers/factories.ts';

const SURVEY_DATE = '2024-05-31';
const AS_OF = '2026-12-02';

/** Hazen median of `count` values from `from` rising by `step`. */
const medianOf = (count: number, from: number, step: number) => from + ((count - 1) / 2) * step;

describe('weightedPercentile', () => {
  it('follows the Hazen rule with equal weights and honours weights', () => {
    const values = Array.from({ length: 100 }, (_, index) => ({ value: (index + 1) * 1_000, weight: 1 }));
    expect(weightedPercentile(values, 0.5)).toBeCloseTo(50_500, 6);
    expect(weightedPercentile(values, 0.25)).toBeCloseTo(25_500, 6);
    const skewed = [
      { value: 10, weight: 1 },
      { value: 20, weight: 3 },
    ];
    // centres at 0.125 (10) and 0.625 (20): the median lies three quarters of the way to 20
    expect(weightedPercentile(skewed, 0.5)).toBe(17.5);
    expect(weightedPercentile(skewed, 0.1)).toBe(10);
  });
});

describe('segments', () => {
  it('bands experience with the matcher’s years rule, lead with staff', () => {
    for (const years of [0, 1.9, 2, 4.5, 5, 7, 8, 30]) {
      expect(levelForYears(years)).toBe(
        ['junior', 'mid', 'senior', 'staff'][candidateSeniorityRank(null, years)],
      );
    }
    expect(levelForSeniority('lead')).toBe('staff');
    expect(levelForSeniority('mid')).toBe('mid');
  });

  it('lists every segment a sample counts in, as the keys segmentKey writes', () => {
    const keys = segmentKeysOf({
      level: 'junior',
      country: 'DE',
      region: 'western-europe',
      remote: 'remote',
      skills: ['django', 'django'],
    });
    expect(keys).toEqual([
      'all',
      'g=western-europe',
      'c=DE',
      'c=DE|w=remote',
      's=junior',
      's=junior|g=western-europe',
      's=junior|c=DE',
      's=junior|c=DE|w=remote',
      's=junior+mid|c=DE',
      's=junior+mid+senior|c=DE',
      'c=DE|k=django',
      's=junior|c=DE|k=django',
    ]);
    expect(keys).toContain(segmentKey({ levels: ['junior', 'mid'], country: 'DE' }));
  });

  it('widens within the country first and never past the region of a named country', () => {
    const chain = wideningChain({
      level: 'staff',
      country: 'DE',
      region: 'western-europe',
      remote: 'onsite',
      skill: 'java',
    });
    expect(chain.map(segmentKey)).toEqual([
      's=staff|c=DE|w=onsite',
      's=staff|c=DE|k=java',
      's=staff|c=DE',
      's=senior+staff|c=DE',
      's=mid+senior+staff|c=DE',
      'c=DE|w=onsite',
      'c=DE|k=java',
      'c=DE',
      's=staff|g=western-europe',
      'g=western-europe',
    ]);
    expect(wideningChain({ level: 'mid' }).map(segmentKey)).toEqual(['s=mid', 'all']);
  });
});

describe('computeBands', () => {
  const samples: SalarySample[] = [
    ...salarySamples(30, { skills: ['django'], remote: 'remote' }, 1_000),
    ...salarySamples(10, { amount: 130_000, skills: ['django'] }, 1_000),
    ...salarySamples(10, {
      amount: 90_000,
      currency: 'EUR',
      date: '2026-06-01',
      skills: ['rust'],
      source: 'posting',
    }),
    ...salarySamples(5, { country: 'AT', amount: 70_000 }),
    ...salarySamples(40, { country: 'IN', level: null, amount: 10_000 }, 500),
    { ...salarySamples(1)[0]!, amount: 500 },
    { ...salarySamples(1)[0]!, amount: 2_000_000 },
    { ...salarySamples(1)[0]!, currency: 'XYZ' },
  ];
  const table = computeBands(samples, { asOf: AS_OF });
  const band = (query: Parameters<typeof salaryBandFor>[1]) => {
    const answer = salaryBandFor(table, query);
    if (!answer.band) throw new Error(answer.reason);
    return answer.band;
  };

  it('drops implausible amounts and unknown currencies, and records the survey’s skills', () => {
    expect(table.sampleCount).toBe(95);
    expect(table.asOf).toBe(AS_OF);
    expect(table.surveySkills).toEqual(['django']);
  });

  it('converts survey pay once, at its own date’s rates, into the country’s currency and carries it to the band date', () => {
    const answer = band({ seniority: 'senior', country: 'DE', remote: 'remote' });
    const eurThen = ratesOn(SURVEY_DATE).usdRates.EUR!;
    const growth = payGrowthFactor('DE', SURVEY_DATE, AS_OF);
    expect(answer.currency).toBe('EUR');
    expect(answer.p50).toBeCloseTo(medianOf(30, 100_000, 1_000) * eurThen * growth, -1);
    expect(answer).toMatchObject({
      n: 30,
      segment: { levels: ['senior'], country: 'DE', remote: 'remote', years: '5–7 years' },
      dropped: [],
      fellBack: false,
      dataFrom: SURVEY_DATE,
      dataTo: SURVEY_DATE,
      asOf: AS_OF,
      carriedForward: { yearlyRate: 0.03 },
      exchange: null,
      sources: ['survey'],
    });
    const usd = band({ seniority: 'senior', country: 'DE', remote: 'remote', currency: 'USD' });
    expect(usd.exchange).toEqual({ from: 'EUR', rate: convert(1, 'EUR', 'USD'), date: RATES_DATE });
    expect(usd.p50).toBeCloseTo(answer.p50 * convert(1, 'EUR', 'USD'), -1);
  });

  it('names what it dropped and why, with postings dated by their own dates', () => {
    const rust = band({ seniority: 'senior', country: 'DE', skill: 'rust' });
    expect(rust.segment).toEqual({ levels: ['senior'], country: 'DE', years: '5–7 years' });
    expect(rust.n).toBe(50);
    expect(rust.samples).toEqual({ survey: 40, posting: 10 });
    expect(rust.dataFrom).toBe(SURVEY_DATE);
    expect(rust.dataTo).toBe('2026-06-01');
    expect(rust.dropped).toEqual([
      {
        dimension: 'skill',
        value: 'rust',
        reason: expect.stringMatching(
          /fewer than 30 samples for senior × DE × rust \(the 2024 survey records/,
        ),
      },
    ]);
    expect(rust.fallbackReason).toMatch(/^Fewer than 30 samples for senior × DE × rust/);

    const both = band({ seniority: 'senior', country: 'DE', skill: 'django', remote: 'remote' });
    expect(both.segment.remote).toBe('remote');
    expect(both.dropped).toEqual([
      { dimension: 'skill', value: 'django', reason: expect.stringMatching(/remote policy comes first/) },
    ]);
  });

  it('widens a thin country to its region, converting from US dollars at the latest rates', () => {
    const austria = band({ seniority: 'senior', country: 'AT' });
    expect(austria.segment).toEqual({ levels: ['senior'], region: 'western-europe', years: '5–7 years' });
    expect(austria.currency).toBe('EUR');
    expect(austria.exchange).toEqual({ from: 'USD', rate: convert(1, 'USD', 'EUR'), date: RATES_DATE });
    expect(austria.dropped.map((entry) => entry.dimension)).toEqual(['country']);
    expect(austria.carriedForward.rule).toMatch(/its country's pay-growth rate/);
  });

  it('drops a seniority the country has too few of, and says there is no band rather than show a handful', () => {
    const india = band({ seniority: 'junior', country: 'IN' });
    expect(india.segment).toEqual({ country: 'IN' });
    expect(india.currency).toBe('INR');
    expect(india.dropped).toEqual([
      {
        dimension: 'seniority',
        value: 'junior',
        reason: 'fewer than 30 samples for junior × IN, even with the levels around it',
      },
    ]);
    expect(salaryBandFor(table, { country: 'BR' })).toEqual({
      band: null,
      reason: expect.stringMatching(/^No reliable band: fewer than 30 samples for latin-america/),
    });
    expect(salaryBandFor(table, { country: 'LI' }).band).toBeNull();
    expect(salaryBandFor(computeBands([], { asOf: AS_OF }), {}).band).toBeNull();
  });

  it('counts a thin level with the levels around it, so bands still rise with experience', () => {
    const rising = computeBands(
      [
        ...salarySamples(20, { level: 'junior', amount: 40_000 }),
        ...salarySamples(20, { level: 'mid', amount: 60_000 }),
        ...salarySamples(40, { level: 'senior', amount: 80_000 }),
        ...salarySamples(40, { level: 'staff', amount: 100_000 }),
      ],
      { asOf: SURVEY_DATE },
    );
    const at = (seniority: 'junior' | 'mid' | 'senior' | 'staff' | 'lead') =>
      salaryBandFor(rising, { seniority, country: 'DE', currency: 'USD' }).band!;
    expect(at('junior').segment).toMatchObject({ levels: ['junior', 'mid'], years: '0–4 years' });
    expect(at('junior').dropped[0]!.reason).toBe(
      'fewer than 30 samples for junior × DE; counting the levels around it (0–4 years)',
    );
    expect(at('mid').segment.levels).toEqual(['junior', 'mid', 'senior']);
    const medians = (['junior', 'mid', 'senior', 'staff'] as const).map((level) => at(level).p50);
    expect([...medians].sort((a, b) => a - b)).toEqual(medians);
    expect(at('lead').p50).toBe(at('staff').p50);
    expect(at('lead').notes[0]).toMatch(/Lead is counted with staff/);
  });

  it('keeps the pay of a country without a growth rate in US dollars as reported, converting answers at the band date’s rates', () => {
    const ukraine = computeBands(salarySamples(40, { country: 'UA', amount: 30_000 }), { asOf: AS_OF });
    const answer = salaryBandFor(ukraine, { country: 'UA' }).band!;
    expect(answer.currency).toBe('UAH');
    expect(answer.exchange).toEqual({ from: 'USD', rate: convert(1, 'USD', 'UAH'), date: RATES_DATE });
    expect(answer.p50).toBe(Math.round(medianOf(40, 30_000, 1_000) * convert(1, 'USD', 'UAH')));
    expect(answer.carriedForward).toEqual({
      yearlyRate: null,
      rule: expect.stringMatching(/^Not carried forward/),
    });
    const atSurvey = computeBands(salarySamples(40, { country: 'UA', amount: 30_000 }), {
      asOf: SURVEY_DATE,
    });
    expect(salaryBandFor(atSurvey, { country: 'UA' }).band!.exchange?.date).toBe(SURVEY_DATE);
  });

  it('survives JSON storage and refuses unknown currencies', () => {
    const stored = JSON.parse(JSON.stringify(table));
    expect(stored).toEqual(table);
    expect(salaryBandFor(stored, { seniority: 'senior', country: 'DE' })).toEqual(
      salaryBandFor(table, { seniority: 'senior', country: 'DE' }),
    );
    expect(() => salaryBandFor(table, { country: 'DE', currency: 'XYZ' })).toThrow(RangeError);
  });
});

describe('poisoning', () => {
  // A thin segment, as junior × NZ is: 40 survey answers from NZD 55 000 to 94 000 a year.
  const market = salarySamples(40, { country: 'NZ', level: 'junior', amount: 55_000, currency: 'NZD' });
  const posting = (company: string, amount: number): SalarySample => ({
    ...salarySamples(1, { country: 'NZ', level: 'junior', currency: 'NZD', amount })[0]!,
    date: '2026-12-01',
    source: 'posting',
    contributor: `company:${company}`,
    weight: POSTING_WEIGHT,
  });
  const juniorNz = (samples: SalarySample[]) =>
    salaryBandFor(computeBands(samples, { asOf: AS_OF }), { seniority: 'junior', country: 'NZ' }).band!;
  const moved = (before: { p25: number; p50: number; p75: number }, after: typeof before) =>
    Math.max(...(['p25', 'p50', 'p75'] as const).map((at) => Math.abs(after[at] / before[at] - 1)));
  const clean = juniorNz(market);

  it('leaves a clean segment whole: the fence sets nothing of an ordinary spread aside', () => {
    expect(clean).toMatchObject({ n: 40, trimmed: 0, samples: { survey: 40 } });
    expect(clean.segment).toEqual({ levels: ['junior'], country: 'NZ', years: '0–1 years' });
  });

  it('barely moves when one company posts fifteen absurd salaries', () => {
    // The attack of issue #19: fifteen postings at NZD 1.65 million a year, each weighing three answers.
    const attacked = juniorNz([
      ...market,
      ...Array.from({ length: 15 }, () => posting('mallory', 1_650_000)),
    ]);
    expect(attacked.trimmed).toBe(15);
    expect(attacked.n).toBe(40);
    expect(attacked.samples).toEqual({ survey: 40 });
    expect(moved(clean, attacked)).toBe(0);
  });

  it('barely moves when a handful of companies each post one absurd salary, high or low', () => {
    const sybils = [
      ...['a', 'b', 'c', 'd', 'e'].map((company) => posting(company, 1_650_000)),
      ...['f', 'g'].map((company) => posting(company, 2_000)),
    ];
    const attacked = juniorNz([...market, ...sybils]);
    expect(attacked.trimmed).toBe(7);
    expect(moved(clean, attacked)).toBe(0);
  });

  it('counts a company once per segment even when its pay is plausible, so it cannot outvote the market', () => {
    // Inside the fence: at 1.8 times the median, fifteen postings of one company would otherwise weigh
    // 45 answers against 40 and carry the median with them.
    const high = 1.8 * clean.p50;
    const oneCompany = juniorNz([...market, ...Array.from({ length: 15 }, () => posting('mallory', high))]);
    expect(oneCompany).toMatchObject({ n: 41, trimmed: 0, samples: { survey: 40, posting: 1 } });
    expect(moved(clean, oneCompany)).toBeLessThan(0.05);
    const fifteenCompanies = juniorNz([
      ...market,
      ...Array.from({ length: 15 }, (_, index) => posting(`company-${index}`, high)),
    ]);
    expect(fifteenCompanies.n).toBe(55);
    expect(fifteenCompanies.p50).toBeGreaterThan(clean.p50 * 1.3);

    // A thin segment cannot be made reliable by one company's many postings either.
    const thin = salarySamples(20, { country: 'NZ', level: 'junior', amount: 55_000, currency: 'NZD' });
    const padded = computeBands([...thin, ...Array.from({ length: 15 }, () => posting('mallory', 70_000))], {
      asOf: AS_OF,
    });
    expect(padded.segments['s=junior|c=NZ']).toBeUndefined();
  });

  it('draws the fence around the median on the log of pay, never closer than a factor of two', () => {
    expect(OUTLIER_FENCE).toEqual({ mads: 4, minRatio: 2 });
    const tight = salarySamples(40, { country: 'NZ', level: 'junior', amount: 60_000, currency: 'NZD' }, 0);
    const median = juniorNz(tight).p50;
    const band = juniorNz([...tight, posting('x', 1.99 * median), posting('y', 2.01 * median)]);
    // Every answer is the same, so the MAD is 0: the factor of two keeps x and sets y aside.
    expect(band.trimmed).toBe(1);
    expect(band.samples).toEqual({ survey: 40, posting: 1 });
    expect(band.dataTo).toBe('2026-12-01');
  });
});

describe('postingSample', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const listing = (
    overrides: Parameters<typeof listingData>[0] = {},
    updatedAt = '2026-12-02T12:00:00Z',
  ) => ({
    ...listingData(overrides),
    companyId: 'acme',
    updatedAt,
    source: null,
  });

  it('samples a stated range at its midpoint, dated and weighted by the posting’s last edit', () => {
    expect(postingSample(listing({ seniority: 'lead', remote: 'remote' }), now)).toEqual({
      amount: 80_000,
      currency: 'EUR',
      date: '2026-12-02',
      level: 'staff',
      country: 'DE',
      remote: 'remote',
      skills: ['go', 'postgresql'],
      source: 'posting',
      contributor: 'company:acme',
      weight: POSTING_WEIGHT,
    });
    const monthly = listing({ salary: { min: 5_000, max: 7_000, currency: 'EUR', period: 'month' } });
    expect(postingSample(monthly, now)?.amount).toBe(72_000);
    const old = postingSample(listing({}, '2026-06-05T12:00:00Z'), now)!;
    expect(old.date).toBe('2026-06-05');
    expect(old.weight).toBeCloseTo(POSTING_WEIGHT * 0.5 ** (180 / POSTING_HALF_LIFE_DAYS), 6);
  });

  it('leaves out estimated ranges and the demo’s historical postings', () => {
    const estimated = listing({
      salary: { min: 1, max: 2, currency: 'EUR', period: 'year', estimated: true },
    });
    expect(postingSample(estimated, now)).toBeNull();
    const demo = { ...listing(), source: { source: 'skillspan-tech', sourceId: 'x' } };
    expect(postingSample(demo, now)).toBeNull();
    expect(
      postingSample({ ...listing(), source: { source: 'acme-ats', sourceId: 'x' } }, now),
    ).not.toBeNull();
  });
});

describe('bandQueryForListing', () => {
  it('asks for the posting’s seniority, country, remote policy, currency and heaviest taxonomy skill', () => {
    const query = bandQueryForListing(
      listingData({
        requiredSkills: [
          { skill: { id: 'custom:cobol-ish', name: 'Cobol-ish' }, level: 3, weight: 9 },
          { skill: { id: 'java', name: 'Java' }, level: 3, weight: 2 },
          { skill: { id: 'spring-boot', name: 'Spring Boot' }, level: 3, weight: 5 },
          { skill: { id: 'kafka', name: 'Kafka' }, level: 3, weight: 5 },
        ],
      }),
    );
    expect(query).toEqual({
      seniority: 'senior',
      country: 'DE',
      remote: 'hybrid',
      currency: 'EUR',
      skill: 'spring-boot',
    });
    expect(bandQueryForListing(listingData({ requiredSkills: [] })).skill).toBeUndefined();
  });
});

describe('positionInBand', () => {
  const band = { p25: 60_000, p50: 70_000, p75: 80_000, currency: 'EUR' };

  it('places a posting range below, within or above the band', () => {
    expect(positionInBand(band, { min: 50_000, max: 56_000 })).toEqual({
      position: 'below',
      minPercentile: 1,
      maxPercentile: 15,
      midpointPercentile: 8,
    });
    expect(positionInBand(band, { min: 65_000, max: 75_000 })).toEqual({
      position: 'within',
      minPercentile: 38,
      maxPercentile: 63,
      midpointPercentile: 50,
    });
    expect(positionInBand(band, { min: 85_000, max: 95_000 }).position).toBe('above');
  });

  it('places a candidate expectation, converting currency and period', () => {
    expect(positionInBand(band, { min: 80_000 })).toEqual({
      position: 'within',
      minPercentile: 75,
      midpointPercentile: 75,
    });
    const monthlyUsd = positionInBand(band, { min: 9_000, currency: 'USD', period: 'month' });
    // 108 000 USD a year is about 94 700 EUR: above the band.
    expect(monthlyUsd.position).toBe('above');
    expect(monthlyUsd.minPercentile).toBe(99);
  });

  it('reads the amount at a percentile off the same lines', () => {
    expect([25, 50, 75].map((percentile) => amountAtPercentile(band, percentile))).toEqual([
      60_000, 70_000, 80_000,
    ]);
    for (const percentile of [10, 37, 63, 90]) {
      expect(positionInBand(band, { min: amountAtPercentile(band, percentile) }).minPercentile).toBe(
        percentile,
      );
    }
    expect(amountAtPercentile({ ...band, p25: 1_000 }, 1)).toBeGreaterThanOrEqual(0);
  });
});
