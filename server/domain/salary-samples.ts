/** Postings as salary samples: stated pay, dated by the posting, weighted by its age. */
import { annualAmount } from './currency.ts';
import type { ListingData } from './listing.ts';
import type { SalarySample } from './salary-bands.ts';
import { levelForSeniority } from './salary-segments.ts';

const DAY_MS = 86_400_000;
/** A stated posting range counts this much more than one survey answer when it is new… */
export const POSTING_WEIGHT = 3;
/** …and half as much again every this many days. */
export const POSTING_HALF_LIFE_DAYS = 180;

/**
 * Imports whose pay is not today's market: the demo's SkillSpan postings are from 2021 and the demo
 * invents their places, so their stated pay would date and misplace the bands.
 */
export const NON_MARKET_SOURCES: ReadonlySet<string> = new Set(['skillspan-tech']);

export type SampledListing = Pick<
  ListingData,
  'salary' | 'seniority' | 'location' | 'remote' | 'requiredSkills'
> & { companyId: string; updatedAt: string; source?: { source: string; sourceId: string } | null };

/**
 * One sample per posting that states its pay, open or closed: a closed posting still tells what was
 * offered on its date, and fades with age like any other. Estimated ranges would only echo the bands
 * back, so they never count. The pay is dated by the posting's last edit, and the posting's company is
 * who stated it: a company's postings count as one sample in each segment (see `SalarySample.contributor`).
 */
export function postingSample(listing: SampledListing, now: number): SalarySample | null {
  if (listing.salary.estimated) return null;
  if (listing.source && NON_MARKET_SOURCES.has(listing.source.source)) return null;
  const { min, max, currency, period } = listing.salary;
  const updated = Date.parse(listing.updatedAt);
  if (!Number.isFinite(updated)) return null;
  const ageDays = Math.max(0, (now - updated) / DAY_MS);
  return {
    amount: annualAmount((min + max) / 2, period),
    currency,
    date: new Date(updated).toISOString().slice(0, 10),
    level: levelForSeniority(listing.seniority),
    country: listing.location.country,
    remote: listing.remote,
    skills: listing.requiredSkills.map((requirement) => requirement.skill.id),
    source: 'posting',
    contributor: `company:${listing.companyId}`,
    weight: POSTING_WEIGHT * 0.5 ** (ageDays / POSTING_HALF_LIFE_DAYS),
  };
}
