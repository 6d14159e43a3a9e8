import type { Application, Listing } from '../adapters/store/port.ts';
import type { CandidateApplication, CompanyApplication } from '../schemas/hiring.ts';

/** An application as its candidate reads it: the posting (if it still exists), stage and timeline. */
export function candidateApplicationAnswer(
  application: Application,
  listing: Listing | undefined,
): CandidateApplication {
  return {
    id: application.id,
    listingId: application.listingId,
    listing: listing
      ? {
          id: listing.id,
          title: listing.title,
          company: listing.company,
          status: listing.status,
          location: listing.location,
          remote: listing.remote,
        }
      : null,
    stage: application.stage,
    note: application.note,
    score: application.snapshot.score,
    timeline: application.timeline,
    createdAt: application.createdAt,
    updatedAt: application.updatedAt,
  };
}

/** An application as the listing's company reads it: who applied, how they matched, its own notes. */
export function companyApplicationAnswer(application: Application): CompanyApplication {
  const { profile, score, gap } = application.snapshot;
  return {
    id: application.id,
    listingId: application.listingId,
    stage: application.stage,
    note: application.note,
    candidate: { ...application.contact, ...profile },
    score,
    gap,
    timeline: application.timeline,
    companyNotes: application.companyNotes,
    version: application.version,
    createdAt: application.createdAt,
    updatedAt: application.updatedAt,
  };
}
