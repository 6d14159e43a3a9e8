import { describe, expect, it } from 'vitest';
import { scaleTicks } from '../../web/src/lib/chart-scale.ts';
import { money, salaryRange } from '../../web/src/lib/format.ts';

describe('one money formatter', () => {
  const salary = { currency: 'USD', period: 'year' as const };

  it('writes both ends of a range in full, alike', () => {
    expect(salaryRange({ ...salary, min: 80_000, max: 145_000 })).toBe('$80,000–$145,000 per year');
    expect(money(145_000, 'USD')).toBe('$145,000');
  });

  it('shows one amount when the range is a single figure', () => {
    expect(salaryRange({ min: 42_000, max: 42_000, currency: 'EUR', period: 'year' })).toBe(
      '€42,000 per year',
    );
  });

  it('marks estimated pay the same way wherever it is shown', () => {
    expect(salaryRange({ ...salary, min: 90_000, max: 120_000, estimated: true })).toBe(
      '$90,000–$120,000 per year (estimated)',
    );
    expect(salaryRange({ ...salary, min: 90_000, max: 120_000, estimated: false })).toBe(
      '$90,000–$120,000 per year',
    );
  });

  it('has a short form for a chart scale, and copes with a currency Intl does not know', () => {
    expect(money(150_000, 'EUR', { short: true })).toBe('€150K');
    expect(money(1234.4, 'XYZW')).toBe('1,234 XYZW');
  });
});

describe('the salary chart scale', () => {
  it('labels round amounts across the span', () => {
    expect(scaleTicks(42_000, 118_000)).toEqual([60_000, 80_000, 100_000]);
    expect(scaleTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(scaleTicks(56_000, 287_000)).toEqual([100_000, 150_000, 200_000, 250_000]);
  });

  it('has no labels for an empty span', () => {
    expect(scaleTicks(5, 5)).toEqual([]);
  });
});
