import type { Static } from 'typebox';
import { pickListingData } from '../domain/listing.ts';
import type { Listing } from '../adapters/store/port.ts';
import { postingSummary } from '../posting-text.ts';
import type { ListingAnswer } from '../schemas/listing.ts';
import type { SearchResponse } from '../schemas/search.ts';
import type { SearchItem } from '../services/search.ts';
import type { Services } from '../services/index.ts';
import type { SalaryService } from '../services/salary.ts';
import type { Viewer } from '../services/viewer.ts';

type SearchHitAnswer = Static<typeof SearchResponse>['items'][number];

/** A stored listing as the API answers it: public fields, the market band and where the range sits in it. */
export function listingAnswerer(salary: SalaryService) {
  return async (listing: Listing): Promise<ListingAnswer> => ({
    ...pickListingData(listing),
    ...(await answeredFields(salary, listing)),
  });
}

/** What every answer of a listing carries besides the recruiter's data: its state and its market band. */
async function answeredFields(salary: SalaryService, listing: Listing) {
  const band = await salary.bandForListing(listing);
  return {
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
}

/** Summaries kept per listing while its description stays the same (rendering markdown costs). */
const SUMMARY_ENTRIES = 2_000;
const summaries = new Map<string, { description: string; summary: string }>();

function summaryOf(listing: Listing): string {
  const kept = summaries.get(listing.id);
  if (kept?.description === listing.description) return kept.summary;
  const summary = postingSummary(listing.description);
  summaries.delete(listing.id);
  summaries.set(listing.id, { description: listing.description, summary });
  if (summaries.size > SUMMARY_ENTRIES) summaries.delete(summaries.keys().next().value!);
  return summary;
}

/**
 * A page of search hits as the search route answers it, the one place their shape is decided: each
 * listing as `ListingSummary` (no description; its plain-text opening as `summary`) with what the viewer
 * did with it, the highlights the search made and the viewer's match summary.
 */
export function searchHitsAnswerer(services: Pick<Services, 'salary' | 'saved' | 'applications'>) {
  const readViewerStates = viewerStates(services);
  return async (viewer: Viewer | null, items: SearchItem[]): Promise<SearchHitAnswer[]> => {
    const stateOf = await readViewerStates(
      viewer,
      items.map((item) => item.listing.id),
    );
    return Promise.all(
      items.map(async ({ listing, highlights, match }) => {
        const { description: _description, ...data } = pickListingData(listing);
        return {
          listing: {
            ...data,
            ...(await answeredFields(services.salary, listing)),
            summary: summaryOf(listing),
            ...stateOf(listing.id),
          },
          highlights,
          match,
        };
      }),
    );
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
