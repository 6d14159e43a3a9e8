import type { Store } from '../port.ts';
import { createCompanyStore } from './companies.ts';
import { createLazyConnection, type MongoStoreOptions } from './connection.ts';
import { createDocumentStore } from './documents.ts';
import { createListingStore } from './listings.ts';
import { createMatchStore } from './matches.ts';
import { createProfileStore } from './profiles.ts';
import { createRefreshTokenStore } from './refresh-tokens.ts';
import { createUserStore } from './users.ts';

export type { MongoStoreOptions };
// The translation layer, unit-tested without a server.
export { connectRetryDelayMs, createStoreConnection, redactMongoUri } from './connection.ts';
export { duplicateKeyField, isTransientMongoError, translateMongoError } from './errors.ts';
export { listingFromDoc } from './listings.ts';
export { profileFromDoc } from './profiles.ts';
export { userFromDoc } from './users.ts';
export { canonicalJson } from './versioned-entity.ts';
export { companySchema } from './schemas/companies.ts';
export { listingSchema } from './schemas/listings.ts';
export { matchSchema } from './schemas/matches.ts';
export { profileSchema } from './schemas/profiles.ts';
export { refreshTokenSchema } from './schemas/refresh-tokens.ts';
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
    ping,
    close,
  };
}
