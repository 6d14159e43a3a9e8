import { describe, expect, it } from 'vitest';
import {
  type SalarySample,
  RATES_DATE,
  USD_RATES,
  computeBands,
  countryCodeForName,
  currencyForCountry,
  fromUsd,
  positionInBand,
  regionForCountry,
  salaryBandFor,
  toAnnualUsd,
  weightedPercentile,
} from '../../server/domain/salary-bands.ts';

function samples(
  count: number,
  base: Omit<SalarySample, 'annualUsd'>,
  from: number,
  step: number,
): SalarySample[] {
  return Array.from({ length: count }, (_, index) => ({ ...base, annualUsd: from + index * step }));
}

describe('currency normalisation', () => {
  it('covers the currencies Backboard quotes, with a stated date', () => {
    const required = [
      'USD',
      'EUR',
      'GBP',
      'CHF',
      'CAD',
      'AUD',
      'INR',
      'PLN',
      'SEK',
      'NOK',
      'DKK',
      'BRL',
      'JPY',
    ];
    required.push('CNY', 'SGD', 'ZAR', 'NZD', 'CZK', 'RON', 'HUF');
    expect(required.filter((currency) => !(USD_RATES[currency]! > 0))).toEqual([]);
    expect(RATES_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('converts any period and currency to annual US dollars and back', () => {
    expect(toAnnualUsd(100_000, 'USD', 'year')).toBe(100_000);
    expect(toAnnualUsd(5_000, 'EUR', 'month')).toBeCloseTo(60_000 / USD_RATES.EUR!, 6);
    expect(toAnnualUsd(50, 'usd', 'hour')).toBe(104_000);
    expect(fromUsd(toAnnualUsd(80_000, 'GBP', 'year'), 'GBP')).toBeCloseTo(80_000, 6);
    expect(() => toAnnualUsd(1, 'XYZ', 'year')).toThrow(RangeError);
  });

  it('knows countries’ currencies, regions and survey names', () => {
    expect(currencyForCountry('DE')).toBe('EUR');
    expect(currencyForCountry('ch')).toBe('CHF');
    expect(currencyForCountry('ZZ')).toBe('USD');
    expect(regionForCountry('PL')).toBe('eastern-europe');
    expect(regionForCountry('IN')).toBe('south-asia');
    expect(countryCodeForName('United Kingdom')).toBe('GB');
    expect(countryCodeForName('Russian Federation')).toBe('RU');
  });
});

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

describe('salary bands', () => {
  const table = computeBands([
    ...samples(
      40,
      { seniority: 'senior', country: 'DE', skills: ['python'], source: 'survey' },
      60_000,
      1_000,
    ),
    ...samples(
      10,
      { seniority: 'senior', country: 'DE', skills: ['rust'], source: 'posting' },
      90_000,
      1_000,
    ),
    ...samples(
      5,
      { seniority: 'senior', country: 'AT', skills: ['python'], source: 'posting' },
      70_000,
      1_000,
    ),
    ...samples(40, { seniority: null, country: 'IN', skills: [], source: 'survey' }, 10_000, 500),
    { annualUsd: 3, seniority: 'senior', country: 'DE', skills: [], source: 'survey' },
  ]);

  it('computes percentiles in the requested currency, defaulting to the country’s', () => {
    const band = salaryBandFor(table, {
      seniority: 'senior',
      country: 'DE',
      skill: 'python',
      currency: 'USD',
    });
    expect(band).toMatchObject({
      p25: 69_500,
      p50: 79_500,
      p75: 89_500,
      n: 40,
      currency: 'USD',
      fellBack: false,
    });
    expect(band?.segment).toEqual({ seniority: 'senior', country: 'DE', skill: 'python' });
    expect(band?.sources).toEqual(['survey']);
    const inEuro = salaryBandFor(table, { seniority: 'senior', country: 'DE', skill: 'python' });
    expect(inEuro?.currency).toBe('EUR');
    expect(inEuro?.p50).toBe(Math.round(fromUsd(79_500, 'EUR')));
  });

  it('drops implausible amounts', () => {
    expect(table.sampleCount).toBe(95);
  });

  it('falls back to a wider segment when a segment is thin, and says so', () => {
    const rust = salaryBandFor(table, { seniority: 'senior', country: 'DE', skill: 'rust', currency: 'USD' });
    expect(rust?.fellBack).toBe(true);
    expect(rust?.segment).toEqual({ seniority: 'senior', country: 'DE' });
    expect(rust?.n).toBe(50);
    expect(rust?.fallbackReason).toMatch(/senior × DE × rust/);
    expect(rust?.sources).toEqual(['posting', 'survey']);

    const austria = salaryBandFor(table, { seniority: 'senior', country: 'AT', currency: 'USD' });
    expect(austria?.segment).toEqual({ seniority: 'senior', region: 'western-europe' });
    expect(austria?.n).toBe(55);

    const juniorIndia = salaryBandFor(table, { seniority: 'junior', country: 'IN' });
    expect(juniorIndia?.segment).toEqual({ country: 'IN' });
    expect(juniorIndia?.currency).toBe('INR');

    const nowhere = salaryBandFor(table, { country: 'BR' });
    expect(nowhere?.segment).toEqual({});
    expect(nowhere?.n).toBe(95);
  });

  it('survives JSON storage', () => {
    const stored = JSON.parse(JSON.stringify(table));
    expect(stored).toEqual(table);
    expect(salaryBandFor(stored, { seniority: 'senior', country: 'DE' })).toEqual(
      salaryBandFor(table, { seniority: 'senior', country: 'DE' }),
    );
  });

  it('answers null for an empty table and refuses unknown currencies', () => {
    expect(salaryBandFor(computeBands([]), { country: 'DE' })).toBeNull();
    expect(() => salaryBandFor(table, { country: 'DE', currency: 'XYZ' })).toThrow(RangeError);
  });
});

describe('positionInBand', () => {
  const band = {
    p25: 60_000,
    p50: 70_000,
    p75: 80_000,
    n: 100,
    currency: 'EUR',
    segment: {},
    fellBack: false,
    sources: ['survey'],
  };

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
});
