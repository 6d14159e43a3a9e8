import type { Application, ApplicationStage, PageRequest, Store } from '../../adapters/store/port.ts';
import { mayMove } from '../../domain/applications.ts';
import { explainMatch } from '../../domain/matching.ts';
import { recruiterView } from '../../domain/recruiter-view.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { APPLICATION_STAGE_LABEL } from '../../shared/vocabulary.ts';
import type { ChangeFeed } from '../changes.ts';
import type { ListingService } from '../listings.ts';
import { MESSAGES } from '../notifications/messages.ts';
import type { Deliveries } from '../notifications/deliveries.ts';
import { canManageListing, type Viewer } from '../viewer.ts';

function requireCandidate(viewer: Viewer): void {
  if (viewer.role !== 'candidate') throw forbidden('Only candidates apply to postings');
}

/**
 * Applying and the pipeline. Applying is what reveals a candidate's name and email, and only to the
 * company of that listing; the application keeps the profile and the match as they were (never the
 * private salary expectation). Every stage change tells the candidate, in the app and by email, in
 * the same write as the change.
 */
export function createApplicationService(
  store: Store,
  listings: ListingService,
  deliveries: Deliveries,
  changes: ChangeFeed,
) {
  async function managed(viewer: Viewer, id: string): Promise<Application> {
    const application = await store.applications.findById(id);
    if (!application || !canManageListing(viewer, application)) throw notFound('Application');
    return application;
  }

  /** Each application with its posting (absent once the company deleted the posting). */
  async function withListings(items: Application[]) {
    const byId = new Map(
      (await store.listings.findManyByIds([...new Set(items.map((a) => a.listingId))])).map((l) => [l.id, l]),
    );
    return items.map((application) => ({ application, listing: byId.get(application.listingId) }));
  }

  async function own(viewer: Viewer, id: string): Promise<Application> {
    const application = await store.applications.findById(id);
    if (!application || application.candidateId !== viewer.sub) throw notFound('Application');
    return application;
  }

  return {
    async apply(viewer: Viewer, listingId: string, note: string) {
      requireCandidate(viewer);
      // A closed posting answers 409, not the 404 that hides it elsewhere: the candidate may have saved it.
      const listing = await store.listings.findById(listingId);
      if (!listing) throw notFound('Listing');
      if (listing.status !== 'open') throw conflict('This posting is closed and takes no applications');
      const [profile, user] = await Promise.all([
        store.profiles.findByUserId(viewer.sub),
        store.users.findById(viewer.sub),
      ]);
      if (!profile || profile.skills.length === 0 || !user) {
        throw conflict('Add your skills to your profile before applying', [
          { path: '/profile', message: 'a profile with skills is needed to apply' },
        ]);
      }
      const seen = recruiterView(profile);
      const { result, gap } = explainMatch(listing, seen);
      const { expectedSalary: _private, discoverable: _visibility, ...shared } = profile;
      const delivery = await deliveries.one(
        listing.ownerId,
        MESSAGES.applicationReceived({
          listingId: listing.id,
          listingTitle: listing.title,
          candidateName: user.name,
        }),
        `applied:${listing.id}:${viewer.sub}`,
      );
      const application = await store.applications.create(
        {
          listingId: listing.id,
          companyId: listing.companyId,
          candidateId: viewer.sub,
          profileId: profile.id,
          note: note.trim(),
          snapshot: {
            profile: {
              headline: shared.headline,
              yearsExperience: shared.yearsExperience,
              seniority: shared.seniority,
              location: shared.location,
              remote: shared.remote,
              skills: shared.skills,
            },
            score: result.scored ? result.score : null,
            gap,
          },
          contact: { name: user.name, email: user.email },
        },
        delivery,
      );
      await changes.emailsQueued();
      return { application, listing };
    },

    async mine(viewer: Viewer, page: PageRequest) {
      requireCandidate(viewer);
      const result = await store.applications.listByCandidate(viewer.sub, page);
      return { items: await withListings(result.items), total: result.total };
    },

    async withdraw(viewer: Viewer, id: string) {
      const application = await own(viewer, id);
      if (!mayMove('candidate', application.stage, 'withdrawn')) {
        throw conflict(
          `An application that is ${APPLICATION_STAGE_LABEL[application.stage]} cannot be withdrawn`,
        );
      }
      const withdrawn = await store.applications.update(
        id,
        { stage: { to: 'withdrawn', by: 'candidate' } },
        application.version,
      );
      return (await withListings([withdrawn]))[0]!;
    },

    /** A listing's applicants, best match first, for its company only. */
    async forListing(
      viewer: Viewer,
      listingId: string,
      filter: { stage?: ApplicationStage },
      page: PageRequest,
    ) {
      const listing = await listings.findVisible(viewer, listingId);
      if (!canManageListing(viewer, listing)) {
        throw forbidden('Only the company that posted this listing may see its applicants');
      }
      const [result, counts] = await Promise.all([
        store.applications.listByListing(listing.id, filter, page),
        store.applications.countsByStage([listing.id]),
      ]);
      return { listing, ...result, counts: counts.get(listing.id) ?? {} };
    },

    /** The company moves an application (or only notes something on it); the candidate hears of a move. */
    async change(
      viewer: Viewer,
      id: string,
      input: { stage: ApplicationStage; note?: string },
    ): Promise<Application> {
      const application = await managed(viewer, id);
      const moves = input.stage !== application.stage;
      if (moves && !mayMove('company', application.stage, input.stage)) {
        throw conflict(
          `An application that is ${APPLICATION_STAGE_LABEL[application.stage]} cannot move to ${APPLICATION_STAGE_LABEL[input.stage]}`,
          [{ path: '/stage', message: `not reachable from ${application.stage}` }],
        );
      }
      const note = input.note?.trim();
      if (!moves && !note) return application;
      const listing = await store.listings.findById(application.listingId);
      const delivery =
        moves && listing
          ? await deliveries.one(
              application.candidateId,
              MESSAGES.stageChanged({
                listingId: listing.id,
                listingTitle: listing.title,
                company: listing.company,
                stage: input.stage,
              }),
              `stage:${application.id}:v${application.version + 1}`,
            )
          : undefined;
      const changed = await store.applications.update(
        id,
        {
          ...(moves ? { stage: { to: input.stage, by: 'company' as const } } : {}),
          ...(note ? { companyNote: { text: note, authorId: viewer.sub } } : {}),
        },
        application.version,
        delivery,
      );
      if (delivery) await changes.emailsQueued();
      return changed;
    },

    /** The candidate's applications to these listings, for "Applied on …" beside postings. */
    async appliedAmong(viewer: Viewer | null, listingIds: string[]): Promise<Map<string, Application>> {
      if (!viewer || viewer.role !== 'candidate' || listingIds.length === 0) return new Map();
      return store.applications.appliedAmong(viewer.sub, listingIds);
    },

    /** Applications per stage of each listing, for the company's list of its listings. */
    countsByStage: (listingIds: string[]) => store.applications.countsByStage(listingIds),
  };
}

export type ApplicationService = ReturnType<typeof createApplicationService>;
