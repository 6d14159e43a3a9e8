import type { Listing, Profile } from '../adapters/store/port.ts';

/**
 * What services announce after a write. The queue wiring turns these into index and match jobs; the
 * reconcile sweep re-enqueues anything whose announcement was lost, so a failure here delays work only.
 */
export interface ChangeFeed {
  listingChanged(listing: Listing): Promise<void>;
  profileChanged(profile: Profile): Promise<void>;
}

export const silentChangeFeed: ChangeFeed = {
  async listingChanged() {},
  async profileChanged() {},
};
