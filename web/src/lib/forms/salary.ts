/** The salary fields shared by the listing editor (a range) and the profile editor (a floor). */
import { currencyFor, yearly } from '../format.ts';
import type { SalaryPeriod } from '../types.ts';

/** What a number input holds: null while empty. */
export type Amount = number | null;

/** A salary as typed: a minimum, optionally a maximum, in a currency per period. */
export interface SalaryFieldsState {
  min: Amount;
  /** Absent when only a minimum is asked for (a candidate's expected salary). */
  max?: Amount;
  currency: string;
  period: SalaryPeriod;
}

/** The message for a range whose maximum is below its minimum, else null. */
export function salaryRangeProblem(salary: SalaryFieldsState): string | null {
  const { min, max } = salary;
  if (min === null || max === null || max === undefined) return null;
  return max < min ? 'The maximum must be at least the minimum.' : null;
}

/** The range per year, to draw against the market band; null until both ends make sense. */
export function yearlyRange(salary: SalaryFieldsState): { min: number; max: number } | null {
  if (!salary.min || !salary.max || salaryRangeProblem(salary)) return null;
  return { min: yearly(salary.min, salary.period), max: yearly(salary.max, salary.period) };
}

/** The floor per year, to mark on the market band; null while no amount is typed. */
export function yearlyFloor(salary: SalaryFieldsState): number | null {
  return salary.min ? yearly(salary.min, salary.period) : null;
}

/** Until an amount is typed, the currency follows the country, so the form starts in the right place. */
export function currencyAfterCountryChange(salary: SalaryFieldsState, country: string): string {
  return salary.min || salary.max ? salary.currency : currencyFor(country);
}
