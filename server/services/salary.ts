import { isKnownCurrency } from '../domain/currency.ts';
import {
  computeBands,
  positionInBand,
  postingSample,
  salaryBandFor,
  type BandPosition,
  type BandTable,
  type SalaryBand,
  type SalarySample,
} from '../domain/salary-bands.ts';
import { isCustomSkillId, resolveSkill } from '../domain/skills.ts';
import { AppError } from '../errors.ts';
import type { Listing, Seniority, Store } from '../adapters/store/port.ts';

/** Where the salary-bands worker keeps the latest band table. */
export const SALARY_BANDS_DOCUMENT = 'salary-bands';
/** The table changes at most every few seconds (debounced worker); a short cache spares a read per answer. */
const TABLE_TTL_MS = 1_000;

export interface ListingBand {
  band: SalaryBand | null;
  position: BandPosition | null;
}

/** The primary skill of a posting: its heaviest required taxonomy skill. */
function primarySkill(listing: Listing): string | undefined {
  return [...listing.requiredSkills]
    .filter((requirement) => !isCustomSkillId(requirement.skill.id))
    .sort((a, b) => b.weight - a.weight)[0]?.skill.id;
}

/** Market salary bands: recomputed by the salary-bands job, read from the table it keeps current. */
export function createSalaryService(
  store: Store,
  referenceSamples: () => Promise<readonly SalarySample[]> = async () => [],
) {
  let cached: { at: number; table: BandTable | null } | undefined;

  async function table(): Promise<BandTable | null> {
    if (!cached || Date.now() - cached.at > TABLE_TTL_MS) {
      cached = { at: Date.now(), table: await store.documents.get<BandTable>(SALARY_BANDS_DOCUMENT) };
    }
    return cached.table;
  }

  return {
    /** Recomputes the bands from open postings plus the reference survey and stores the table. */
    async recomputeBands() {
      const now = Date.now();
      const samples: SalarySample[] = [...(await referenceSamples())];
      let postings = 0;
      for await (const batch of store.listings.scan(1000, { status: 'open' })) {
        for (const listing of batch) {
          const sample = postingSample(listing, now);
          if (sample) {
            samples.push(sample);
            postings += 1;
          }
        }
      }
      const bands = computeBands(samples);
      await store.documents.put(SALARY_BANDS_DOCUMENT, bands);
      cached = undefined;
      return { samples: samples.length, postings, segments: Object.keys(bands.segments).length };
    },

    async bandForListing(listing: Listing): Promise<ListingBand> {
      const current = await table();
      if (!current || !isKnownCurrency(listing.salary.currency)) return { band: null, position: null };
      const skill = primarySkill(listing);
      const band = salaryBandFor(current, {
        seniority: listing.seniority,
        country: listing.location.country,
        currency: listing.salary.currency,
        ...(skill ? { skill } : {}),
      });
      if (!band) return { band: null, position: null };
      const { min, max, currency, period } = listing.salary;
      return { band, position: positionInBand(band, { min, max, currency, period }) };
    },

    async bandFor(query: {
      seniority?: Seniority;
      country?: string;
      skill?: string;
      currency?: string;
    }): Promise<SalaryBand | null> {
      if (query.currency && !isKnownCurrency(query.currency)) {
        throw new AppError('validation_failed', 'Unknown currency', [
          { path: 'querystring:/currency', message: `no rate for ${query.currency}` },
        ]);
      }
      const current = await table();
      if (!current) return null;
      const skill = query.skill ? resolveSkill(query.skill).id : undefined;
      return salaryBandFor(current, {
        ...(query.seniority ? { seniority: query.seniority } : {}),
        ...(query.country ? { country: query.country } : {}),
        ...(skill ? { skill } : {}),
        ...(query.currency ? { currency: query.currency } : {}),
      });
    },
  };
}

export type SalaryService = ReturnType<typeof createSalaryService>;
