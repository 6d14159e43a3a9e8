import { pickListingData } from '../domain/listing.ts';
import type { Listing } from '../adapters/store/port.ts';
import type { ListingAnswer } from '../schemas/listing.ts';
import type { Services } from '../services/index.ts';
import type { SalaryService } from '../services/salary.ts';
import type { Viewer } from '../services/viewer.ts';

/** A stored listing as the API answers it: public fields, the market band and where the range sits in it. */
export function listingAnswerer(salary: SalaryService) {
  return async (listing: Listing): Promise<ListingAnswer> => {
    const band = await salary.bandForListing(listing);
    return {
      ...pickListingData(listing),
      salary: { ...listing.salary, estimated: listing.salary.estimated ?? false },
      id: listing.id,
      status: listing.status,
      company: listing.company,
      companyId: listing.companyId,
      version: listing.version,
      createdAt: listing.createdAt,
      updatedAt: listing.updatedAt,
      salaryBand: band.band,
      salaryPosition: band.position,
    };
  };
}

/**
 * For a signed-in candidate, what they did with each of these postings (saved, applied), read in two
 * queries for the whole page; nothing for anyone else.
 */
export function viewerStates(services: Pick<Services, 'saved' | 'applications'>) {
  return async (viewer: Viewer | null, listingIds: string[]) => {
    const [saved, applied] = await Promise.all([
      services.saved.savedAmong(viewer, listingIds),
      services.applications.appliedAmong(viewer, listingIds),
    ]);
    return (listingId: string): Pick<ListingAnswer, 'viewer'> => {
      if (viewer?.role !== 'candidate') return {};
      const application = applied.get(listingId);
      return {
        viewer: {
          savedAt: saved.get(listingId) ?? null,
          application: application
            ? { id: application.id, stage: application.stage, createdAt: application.createdAt }
            : null,
        },
      };
    };
  };
}
