import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './port.ts';
import { forwardingStore, storeCaseOf } from './store-contract/handle.ts';
import { describeUsersAndCompanies } from './store-contract/users-and-companies.ts';
import { describeListings } from './store-contract/listings.ts';
import { describeProfiles } from './store-contract/profiles.ts';
import { describeRefreshTokens } from './store-contract/refresh-tokens.ts';
import { describeMatchesAndDocuments } from './store-contract/matches-and-documents.ts';
import { describeHiringStoreContract } from './store-contract/hiring.ts';

/**
 * The behaviour every store adapter must show. Thin test files call this once per adapter; each case
 * gets a fresh, empty store and closes it. The cases live by aggregate in `store-contract/`.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let current: Store | undefined;
    const store = forwardingStore(() => current);
    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('pings', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    const storeCase = storeCaseOf(store);
    describeUsersAndCompanies(storeCase);
    describeListings(storeCase);
    describeProfiles(storeCase);
    describeRefreshTokens(storeCase);
    describeMatchesAndDocuments(storeCase);
    describeHiringStoreContract(makeStore);
  });
}
