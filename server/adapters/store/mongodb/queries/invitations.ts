import { trusted } from 'mongoose';
import type { NewInvitation } from '../../port.ts';
import type { InvitationDoc } from '../schemas/invitations.ts';
import { asKey, asKeys, type Filter } from './checked-input.ts';

export function newInvitationDoc(input: NewInvitation, id: string, now: Date): InvitationDoc {
  return {
    _id: id,
    listingId: asKey(input.listingId, 'listingId'),
    companyId: asKey(input.companyId, 'companyId'),
    profileId: asKey(input.profileId, 'profileId'),
    candidateId: asKey(input.candidateId, 'candidateId'),
    invitedBy: asKey(input.invitedBy, 'invitedBy'),
    message: input.message,
    createdAt: now,
  };
}

export const invitationsAmong = (listingId: unknown, profileIds: unknown): Filter => ({
  listingId: asKey(listingId, 'listingId'),
  profileId: trusted({ $in: asKeys(profileIds, 'profileIds') }),
});
