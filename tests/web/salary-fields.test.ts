import { describe, expect, it } from 'vitest';
import {
  currencyAfterCountryChange,
  salaryRangeProblem,
  yearlyFloor,
  yearlyRange,
} from '../../web/src/lib/forms/salary.ts';

describe('the shared salary fields', () => {
  it('flag a maximum below the minimum, and only once both are typed', () => {
    expect(salaryRangeProblem({ min: 5, max: 4, currency: 'EUR', period: 'year' })).toBe(
      'The maximum must be at least the minimum.',
    );
    expect(salaryRangeProblem({ min: 5, max: 5, currency: 'EUR', period: 'year' })).toBeNull();
    expect(salaryRangeProblem({ min: 5, max: null, currency: 'EUR', period: 'year' })).toBeNull();
    expect(salaryRangeProblem({ min: 5, currency: 'EUR', period: 'year' })).toBeNull();
  });

  it('turn what is typed into yearly amounts for the market band', () => {
    expect(yearlyRange({ min: 5000, max: 6000, currency: 'EUR', period: 'month' })).toEqual({
      min: 60_000,
      max: 72_000,
    });
    expect(yearlyRange({ min: 6000, max: 5000, currency: 'EUR', period: 'month' })).toBeNull();
    expect(yearlyRange({ min: 5000, max: null, currency: 'EUR', period: 'month' })).toBeNull();
    expect(yearlyFloor({ min: 50, currency: 'USD', period: 'hour' })).toBe(104_000);
    expect(yearlyFloor({ min: null, currency: 'USD', period: 'hour' })).toBeNull();
  });

  it('let the currency follow the country until an amount is typed', () => {
    expect(currencyAfterCountryChange({ min: null, max: null, currency: 'EUR', period: 'year' }, 'GB')).toBe(
      'GBP',
    );
    expect(currencyAfterCountryChange({ min: 1, currency: 'EUR', period: 'year' }, 'GB')).toBe('EUR');
    expect(currencyAfterCountryChange({ min: null, max: 2, currency: 'EUR', period: 'year' }, 'GB')).toBe(
      'EUR',
    );
  });
});
