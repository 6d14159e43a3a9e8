/** Where an amount or a range sits against a band, and the amount at a given market percentile. */
import { fromUsd, toAnnualUsd, type SalaryPeriod } from './currency.ts';

/** The figures of a band this module needs. */
export interface BandFigures {
  p25: number;
  p50: number;
  p75: number;
  currency: string;
}

export interface PayRange {
  min: number;
  max?: number;
  /** Default: the band's currency. */
  currency?: string;
  /** Default: year. */
  period?: SalaryPeriod;
}

export interface BandPosition {
  /** Where the range's midpoint (or the single amount) sits: under p25, p25–p75, over p75. */
  position: 'below' | 'within' | 'above';
  /** Estimated market percentiles (1–99) of the amounts, in the band's currency per year. */
  minPercentile: number;
  maxPercentile?: number;
  midpointPercentile: number;
}

/** The two quartile points an amount or percentile is interpolated between: the lower or upper half. */
function halfFor(band: BandFigures, upper: boolean): [[number, number], [number, number]] {
  return upper
    ? [
        [band.p50, 50],
        [band.p75, 75],
      ]
    : [
        [band.p25, 25],
        [band.p50, 50],
      ];
}

/** Percentile of an amount: linear through (p25, 25), (p50, 50), (p75, 75), extended outward, 1–99. */
function percentileOf(band: BandFigures, amount: number): number {
  const [low, high] = halfFor(band, amount > band.p50);
  const slope = high[0] === low[0] ? 0 : (high[1] - low[1]) / (high[0] - low[0]);
  const estimate =
    slope === 0 ? (amount < low[0] ? 1 : amount > high[0] ? 99 : 50) : low[1] + (amount - low[0]) * slope;
  return Math.min(99, Math.max(1, Math.round(estimate)));
}

/** The amount at a market percentile (clamped to 1–99), by the same lines as `positionInBand`; at least 0. */
export function amountAtPercentile(band: BandFigures, percentile: number): number {
  const target = Math.min(99, Math.max(1, percentile));
  const [low, high] = halfFor(band, target > 50);
  const amount = low[0] + ((target - low[1]) / (high[1] - low[1])) * (high[0] - low[0]);
  return Math.max(0, amount);
}

/** Where a posting's range, or a candidate's expectation, sits against a band. */
export function positionInBand(band: BandFigures, range: PayRange): BandPosition {
  const annual = (amount: number) => {
    const period = range.period ?? 'year';
    const currency = range.currency ?? band.currency;
    if (period === 'year' && currency.toUpperCase() === band.currency) return amount;
    return fromUsd(toAnnualUsd(amount, currency, period), band.currency);
  };
  const min = annual(range.min);
  const max = range.max === undefined ? undefined : annual(range.max);
  const midpoint = max === undefined ? min : (min + max) / 2;
  const position = midpoint < band.p25 ? 'below' : midpoint > band.p75 ? 'above' : 'within';
  const result: BandPosition = {
    position,
    minPercentile: percentileOf(band, min),
    midpointPercentile: percentileOf(band, midpoint),
  };
  if (max !== undefined) result.maxPercentile = percentileOf(band, max);
  return result;
}
