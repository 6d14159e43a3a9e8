import type { Connection, Model } from 'mongoose';
import { applicationSchema, type ApplicationDoc } from './schemas/applications.ts';
import { companySchema, type CompanyDoc } from './schemas/companies.ts';
import { documentSchema, type DocumentDoc } from './schemas/documents.ts';
import { invitationSchema, type InvitationDoc } from './schemas/invitations.ts';
import { listingSchema, type ListingDoc } from './schemas/listings.ts';
import { matchSchema, matchStateSchema, type MatchDoc, type MatchStateDoc } from './schemas/matches.ts';
import { notificationSchema, type NotificationDoc } from './schemas/notifications.ts';
import { outboxEmailSchema, type OutboxEmailDoc } from './schemas/outbox.ts';
import { profileSchema, type ProfileDoc } from './schemas/profiles.ts';
import { refreshTokenSchema, type RefreshTokenDoc } from './schemas/refresh-tokens.ts';
import { savedListingSchema, type SavedListingDoc } from './schemas/saved-listings.ts';
import { userSchema, type UserDoc } from './schemas/users.ts';

export interface MongoModels {
  users: Model<UserDoc>;
  companies: Model<CompanyDoc>;
  listings: Model<ListingDoc>;
  profiles: Model<ProfileDoc>;
  refreshTokens: Model<RefreshTokenDoc>;
  matches: Model<MatchDoc>;
  matchStates: Model<MatchStateDoc>;
  documents: Model<DocumentDoc>;
  savedListings: Model<SavedListingDoc>;
  applications: Model<ApplicationDoc>;
  invitations: Model<InvitationDoc>;
  notifications: Model<NotificationDoc>;
  outboxEmails: Model<OutboxEmailDoc>;
}

/** Registers every model on `connection`; works on an unopened connection too (tests validate documents). */
export function registerModels(connection: Connection): MongoModels {
  return {
    users: connection.model<UserDoc>('User', userSchema),
    companies: connection.model<CompanyDoc>('Company', companySchema),
    listings: connection.model<ListingDoc>('Listing', listingSchema),
    profiles: connection.model<ProfileDoc>('Profile', profileSchema),
    refreshTokens: connection.model<RefreshTokenDoc>('RefreshToken', refreshTokenSchema),
    matches: connection.model<MatchDoc>('Match', matchSchema),
    matchStates: connection.model<MatchStateDoc>('MatchState', matchStateSchema),
    documents: connection.model<DocumentDoc>('Document', documentSchema),
    savedListings: connection.model<SavedListingDoc>('SavedListing', savedListingSchema),
    applications: connection.model<ApplicationDoc>('Application', applicationSchema),
    invitations: connection.model<InvitationDoc>('Invitation', invitationSchema),
    notifications: connection.model<NotificationDoc>('Notification', notificationSchema),
    outboxEmails: connection.model<OutboxEmailDoc>('OutboxEmail', outboxEmailSchema),
  };
}
