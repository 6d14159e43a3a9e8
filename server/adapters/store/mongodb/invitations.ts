import { conflict } from '../../../errors.ts';
import type { Invitation, InvitationStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { withDelivery } from './deliveries.ts';
import { duplicateKeyField } from './errors.ts';
import { iso, newId } from './mapping.ts';
import * as q from './queries/index.ts';
import type { InvitationDoc } from './schemas/invitations.ts';

export function invitationFromDoc(doc: InvitationDoc): Invitation {
  return {
    id: doc._id,
    listingId: doc.listingId,
    companyId: doc.companyId,
    profileId: doc.profileId,
    candidateId: doc.candidateId,
    invitedBy: doc.invitedBy,
    message: doc.message,
    createdAt: iso(doc.createdAt),
  };
}

/** The embedded store's wording. */
const alreadyInvited = () =>
  conflict('This candidate is already invited to this listing', [
    { path: '/profileId', message: 'already invited' },
  ]);

export function createInvitationStore(run: MongoRun): InvitationStore {
  return {
    create: (input, delivery) =>
      run('invitation', async (models, connection) => {
        const doc = q.newInvitationDoc(input, newId(), new Date());
        try {
          const [created] = await withDelivery(models, connection, delivery, (session) =>
            models.invitations.create([doc], { session }),
          );
          return invitationFromDoc(created!.toObject());
        } catch (error) {
          // The (listingId, profileId) key; a dedupe key's duplicate never throws (deliveries upsert).
          if (duplicateKeyField(error) === 'listingId') throw alreadyInvited();
          throw error;
        }
      }),
    invitedAmong: (listingId, profileIds) =>
      run('invitation', async (models) => {
        const docs = await models.invitations
          .find(q.invitationsAmong(listingId, profileIds))
          .lean<InvitationDoc[]>();
        return new Map(docs.map((doc) => [doc.profileId, invitationFromDoc(doc)]));
      }),
  };
}
