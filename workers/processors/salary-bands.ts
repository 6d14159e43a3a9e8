import { toAnnualUsd } from '../../server/domain/currency.ts';
import { computeBands, type SalarySample } from '../../server/domain/salary-bands.ts';
import type { Processor } from '../../server/adapters/queue/port.ts';
import type { Listing, Store } from '../../server/adapters/store/port.ts';
import { SALARY_BANDS_DOCUMENT } from '../../server/services/salary.ts';
import type { BackboardJobs } from '../jobs.ts';

const DAY_MS = 86_400_000;
/** A stated posting range counts this much more than one survey answer when it is new… */
const POSTING_WEIGHT = 3;
/** …and half as much again every this many days. */
const POSTING_HALF_LIFE_DAYS = 180;

/** One sample per open posting that states its pay (estimated ranges would only echo the bands back). */
export function postingSample(listing: Listing, now: number): SalarySample | null {
  if (listing.salary.estimated) return null;
  const { min, max, currency, period } = listing.salary;
  let annualUsd: number;
  try {
    annualUsd = toAnnualUsd((min + max) / 2, currency, period);
  } catch {
    return null;
  }
  const ageDays = Math.max(0, (now - Date.parse(listing.updatedAt)) / DAY_MS);
  return {
    annualUsd,
    seniority: listing.seniority,
    country: listing.location.country,
    skills: listing.requiredSkills.map((requirement) => requirement.skill.id),
    source: 'posting',
    weight: POSTING_WEIGHT * 0.5 ** (ageDays / POSTING_HALF_LIFE_DAYS),
  };
}

/** Recomputes the market bands from open postings plus the reference survey and stores the table. */
export function salaryBandsProcessor(deps: {
  store: Store;
  referenceSamples: () => Promise<readonly SalarySample[]>;
}): Processor<BackboardJobs['salary-bands']> {
  return async () => {
    const now = Date.now();
    const samples: SalarySample[] = [...(await deps.referenceSamples())];
    let postings = 0;
    for await (const batch of deps.store.listings.scan(1000, { status: 'open' })) {
      for (const listing of batch) {
        const sample = postingSample(listing, now);
        if (sample) {
          samples.push(sample);
          postings += 1;
        }
      }
    }
    const table = computeBands(samples);
    await deps.store.documents.put(SALARY_BANDS_DOCUMENT, table);
    return { samples: samples.length, postings, segments: Object.keys(table.segments).length };
  };
}
