import { forbidden, notFound, versionConflict } from '../errors.ts';
import { shapeListing, shapeListingEdit } from '../domain/listing.ts';
import type { Listing, Store } from '../adapters/store/port.ts';
import type { ListingCreateBody, ListingPatchBody } from '../schemas/listing.ts';
import type { ChangeFeed } from './changes.ts';
import type { Deliveries } from './notifications/deliveries.ts';
import { MESSAGES } from './notifications/messages.ts';
import { canManageListing, type Viewer } from './viewer.ts';

function requireRecruiter(viewer: Viewer): string {
  if (viewer.role !== 'recruiter' || !viewer.companyId)
    throw forbidden('Only recruiters with a company may post listings');
  return viewer.companyId;
}

export function createListingService(store: Store, changes: ChangeFeed, deliveries: Deliveries) {
  /**
   * An open listing, to anyone; a closed one to its company, admins, and the candidates who applied
   * to it or saved it (so their tracker and saved list never lead to a dead end).
   */
  async function findVisible(viewer: Viewer | null, id: string): Promise<Listing> {
    const listing = await store.listings.findById(id);
    if (!listing) throw notFound('Listing');
    if (listing.status === 'open' || canManageListing(viewer, listing)) return listing;
    if (viewer?.role === 'candidate' && (await keptBy(viewer.sub, id))) return listing;
    throw notFound('Listing');
  }

  async function keptBy(candidateId: string, listingId: string): Promise<boolean> {
    const [applied, saved] = await Promise.all([
      store.applications.appliedAmong(candidateId, [listingId]),
      store.saved.savedAmong(candidateId, [listingId]),
    ]);
    return applied.has(listingId) || saved.has(listingId);
  }

  async function findManaged(viewer: Viewer, id: string): Promise<Listing> {
    const listing = await findVisible(viewer, id);
    if (!canManageListing(viewer, listing))
      throw forbidden('Only the company that posted this listing may change it');
    return listing;
  }

  async function announce(listing: Listing): Promise<Listing> {
    await changes.listingChanged(listing);
    return listing;
  }

  return {
    findVisible,

    async create(viewer: Viewer, body: ListingCreateBody): Promise<Listing> {
      const companyId = requireRecruiter(viewer);
      const data = shapeListing(body);
      const company = await store.companies.findById(companyId);
      if (!company) throw forbidden('Your company no longer exists');
      return announce(
        await store.listings.create({ ...data, ownerId: viewer.sub, companyId, company: company.name }),
      );
    },

    async update(viewer: Viewer, id: string, body: ListingPatchBody): Promise<Listing> {
      const current = await findManaged(viewer, id);
      const { version, ...fields } = body;
      const { changed } = shapeListingEdit(current, fields);
      // An edit that changes nothing writes nothing: no new version, no re-index, no re-match.
      if (Object.keys(changed).length === 0) {
        if (version !== undefined && version !== current.version)
          throw versionConflict(version, current.version);
        return current;
      }
      return announce(await store.listings.update(id, changed, version));
    },

    /** Closing tells the listing's open applicants, in the same write. */
    async setStatus(viewer: Viewer, id: string, status: 'open' | 'closed'): Promise<Listing> {
      const current = await findManaged(viewer, id);
      if (current.status === status) return current;
      const delivery =
        status === 'closed'
          ? await deliveries.many(
              (await store.applications.openForListing(id)).map((application) => ({
                userId: application.candidateId,
                content: MESSAGES.listingClosed({
                  listingId: id,
                  listingTitle: current.title,
                  company: current.company,
                }),
                dedupeKey: `closed:${id}:v${current.version + 1}:${application.id}`,
              })),
            )
          : undefined;
      const listing = await store.listings.update(id, { status }, current.version, delivery);
      if (delivery && delivery.emails.length > 0) await changes.emailsQueued();
      return announce(listing);
    },

    async remove(viewer: Viewer, id: string): Promise<void> {
      const current = await findManaged(viewer, id);
      await store.listings.delete(id);
      await changes.listingChanged({
        ...current,
        version: current.version + 1,
        deletedAt: new Date().toISOString(),
      });
    },

    async listMine(viewer: Viewer, page: { page: number; limit: number }) {
      const companyId = requireRecruiter(viewer);
      return store.listings.listByCompany(companyId, page);
    },
  };
}

export type ListingService = ReturnType<typeof createListingService>;
