import type { Store } from '../port.ts';
import { createApplicationStore } from './applications.ts';
import { createCompanyStore } from './companies.ts';
import { createLazyConnection, type MongoStoreOptions } from './connection.ts';
import { writeDelivery } from './deliveries.ts';
import { createDocumentStore } from './documents.ts';
import { createInvitationStore } from './invitations.ts';
import { createListingStore } from './listings.ts';
import { createMatchStore } from './matches.ts';
import { createNotificationStore } from './notifications.ts';
import { createOutboxStore } from './outbox.ts';
import { createProfileStore } from './profiles.ts';
import { createRefreshTokenStore } from './refresh-tokens.ts';
import { createSavedListingStore } from './saved-listings.ts';
import { createUserStore } from './users.ts';

export type { MongoStoreOptions };
// The translation layer, unit-tested without a server.
export { connectRetryDelayMs, createStoreConnection, redactMongoUri } from './connection.ts';
export { duplicateKeyField, isTransientMongoError, translateMongoError } from './errors.ts';
export { withDelivery } from './deliveries.ts';
export { applicationFromDoc } from './applications.ts';
export { invitationFromDoc } from './invitations.ts';
export { listingFromDoc } from './listings.ts';
export { notificationFromDoc } from './notifications.ts';
export { outboxEmailFromDoc } from './outbox.ts';
export { profileFromDoc } from './profiles.ts';
export { savedListingFromDoc } from './saved-listings.ts';
export { userFromDoc } from './users.ts';
export { canonicalJson } from './versioned-entity.ts';
export { applicationSchema } from './schemas/applications.ts';
export { companySchema } from './schemas/companies.ts';
export { invitationSchema } from './schemas/invitations.ts';
export { listingSchema } from './schemas/listings.ts';
export { matchSchema } from './schemas/matches.ts';
export { notificationSchema } from './schemas/notifications.ts';
export { outboxEmailSchema } from './schemas/outbox.ts';
export { profileSchema } from './schemas/profiles.ts';
export { refreshTokenSchema } from './schemas/refresh-tokens.ts';
export { savedListingSchema } from './schemas/saved-listings.ts';
export { userSchema } from './schemas/users.ts';

/** The production store: MongoDB through mongoose, on its own connection, opened on first use. */
export function createMongoStore(options: MongoStoreOptions): Store {
  const { run, ping, close } = createLazyConnection(options);
  return {
    kind: 'mongodb',
    users: createUserStore(run),
    companies: createCompanyStore(run),
    listings: createListingStore(run),
    profiles: createProfileStore(run),
    refreshTokens: createRefreshTokenStore(run),
    matches: createMatchStore(run),
    documents: createDocumentStore(run),
    saved: createSavedListingStore(run),
    applications: createApplicationStore(run),
    invitations: createInvitationStore(run),
    notifications: createNotificationStore(run),
    outbox: createOutboxStore(run),
    deliver: (delivery) =>
      run('delivery', (models, connection) =>
        connection.transaction((session) => writeDelivery(models, delivery, session)),
      ),
    ping,
    close,
  };
}
