import { toAnnualUsd } from '../domain/currency.ts';
import type { SalaryPeriod } from '../domain/currency.ts';

/** A posting's range as annual US dollars, the one currency the index filters and sorts on. */
export function annualUsdRange(salary: { min: number; max: number; currency: string; period: SalaryPeriod }) {
  return {
    min: Math.round(toAnnualUsd(salary.min, salary.currency, salary.period)),
    max: Math.round(toAnnualUsd(salary.max, salary.currency, salary.period)),
  };
}
