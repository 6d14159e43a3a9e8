import type { Listing, Store } from '../adapters/store/port.ts';

export interface ListingBand {
  band: null | {
    p25: number;
    p50: number;
    p75: number;
    n: number;
    currency: string;
    segment: { seniority?: string; country?: string; region?: string; skill?: string };
    fellBack: boolean;
    fallbackReason?: string;
    sources: string[];
  };
  position: Record<string, unknown> | null;
}

/** Market salary bands; filled from the skills engine's band table once the salary worker has built it. */
export function createSalaryService(_store: Store) {
  return {
    async bandForListing(_listing: Listing): Promise<ListingBand> {
      return { band: null, position: null };
    },
  };
}

export type SalaryService = ReturnType<typeof createSalaryService>;
