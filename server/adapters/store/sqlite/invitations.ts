import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { conflict } from '../../../errors.ts';
import type { Invitation, InvitationStore } from '../port.ts';
import type { DeliveryWriter } from './deliveries.ts';
import { isUniqueViolation, now, placeholders } from './rows.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

interface InvitationRow {
  id: string;
  listing_id: string;
  company_id: string;
  profile_id: string;
  candidate_id: string;
  invited_by: string;
  message: string;
  created_at: string;
}

const invitationFromRow = (row: InvitationRow): Invitation => ({
  id: row.id,
  listingId: row.listing_id,
  companyId: row.company_id,
  profileId: row.profile_id,
  candidateId: row.candidate_id,
  invitedBy: row.invited_by,
  message: row.message,
  createdAt: row.created_at,
});

const alreadyInvited = () =>
  conflict('This candidate is already invited to this listing', [
    { path: '/profileId', message: 'already invited' },
  ]);

export function createInvitationStore(db: Database.Database, writeDelivery: DeliveryWriter): InvitationStore {
  const insert = db.prepare(
    `INSERT INTO invitations (id, listing_id, company_id, profile_id, candidate_id, invited_by, message, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  return {
    async create(input, delivery) {
      const invitation: Invitation = {
        id: randomUUID(),
        listingId: input.listingId,
        companyId: input.companyId,
        profileId: input.profileId,
        candidateId: input.candidateId,
        invitedBy: input.invitedBy,
        message: input.message,
        createdAt: now(),
      };
      try {
        writeTransaction(db, () => {
          insert.run(
            invitation.id,
            invitation.listingId,
            invitation.companyId,
            invitation.profileId,
            invitation.candidateId,
            invitation.invitedBy,
            invitation.message,
            invitation.createdAt,
          );
          writeDelivery(delivery);
        })();
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyInvited();
        throw error;
      }
      return invitation;
    },
    async invitedAmong(listingId, profileIds) {
      if (profileIds.length === 0) return new Map();
      const rows = db
        .prepare<unknown[], InvitationRow>(
          `SELECT * FROM invitations WHERE listing_id = ? AND profile_id IN (${placeholders(profileIds.length)})`,
        )
        .all(listingId, ...profileIds);
      return new Map(rows.map((row) => [row.profile_id, invitationFromRow(row)]));
    },
  };
}
