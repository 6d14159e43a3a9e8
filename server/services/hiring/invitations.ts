import type { Invitation, Store } from '../../adapters/store/port.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import type { ChangeFeed } from '../changes.ts';
import type { ListingService } from '../listings.ts';
import type { Deliveries } from '../notifications/deliveries.ts';
import { MESSAGES } from '../notifications/messages.ts';
import { canManageListing, type Viewer } from '../viewer.ts';

/**
 * A company invites a discoverable candidate to apply, through the platform: the candidate is told;
 * no contact details change hands until they apply.
 */
export function createInvitationService(
  store: Store,
  listings: ListingService,
  deliveries: Deliveries,
  changes: ChangeFeed,
) {
  return {
    async invite(viewer: Viewer, listingId: string, profileId: string, message: string): Promise<Invitation> {
      const listing = await listings.findVisible(viewer, listingId);
      if (!canManageListing(viewer, listing) || viewer.role !== 'recruiter') {
        throw forbidden('Only the company that posted this listing may invite to it');
      }
      if (listing.status !== 'open') throw conflict('This posting is closed');
      const profile = await store.profiles.findById(profileId);
      // A profile that is not discoverable is not there, as far as a recruiter can tell.
      if (!profile || !profile.discoverable) throw notFound('Candidate');
      const applied = await store.applications.appliedAmong(profile.userId, [listing.id]);
      if (applied.has(listing.id)) throw conflict('This candidate already applied to this posting');
      const text = message.trim();
      const delivery = await deliveries.one(
        profile.userId,
        MESSAGES.invited({
          listingId: listing.id,
          listingTitle: listing.title,
          company: listing.company,
          message: text,
        }),
        `invite:${listing.id}:${profile.id}`,
      );
      const invitation = await store.invitations.create(
        {
          listingId: listing.id,
          companyId: listing.companyId,
          profileId: profile.id,
          candidateId: profile.userId,
          invitedBy: viewer.sub,
          message: text,
        },
        delivery,
      );
      await changes.emailsQueued();
      return invitation;
    },

    /** profileId → invitation, for the candidates list. */
    invitedAmong: (listingId: string, profileIds: string[]) =>
      store.invitations.invitedAmong(listingId, profileIds),
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
