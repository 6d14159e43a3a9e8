import { pickListingData } from '../domain/listing.ts';
import type { Listing } from '../adapters/store/port.ts';
import type { ListingAnswer } from '../schemas/listing.ts';
import type { SalaryService } from '../services/salary.ts';

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
      ...(band.reason ? { salaryBandReason: band.reason } : {}),
    };
  };
}
