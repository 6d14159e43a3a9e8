import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchVocabulary } from '../../server/adapters/index.ts';
import { createMeiliSearchIndex, meiliSettingsFor } from '../../server/adapters/search/meilisearch.ts';
import { newListing } from '../helpers/factories.ts';
import { startFakeMeilisearch, type FakeMeilisearch } from '../helpers/fake-meilisearch.ts';
import { createTestServices, type TestServices } from '../helpers/services.ts';

const INDEX = 'listings';
const FETCH = `/indexes/${INDEX}/documents/fetch`;
const DELETE = `/indexes/${INDEX}/documents/delete`;

/**
 * Index jobs racing on the Meilisearch adapter, against a stand-in that applies tasks in the order it
 * received them and evaluates a deletion's filter when it applies it, as Meilisearch does. Each case
 * holds one writer's request so that the older write reaches the server last.
 */
describe('index jobs racing on Meilisearch', () => {
  let fake: FakeMeilisearch;
  let t: TestServices;
  let owner: { ownerId: string; companyId: string; company: string };
  const source = { source: 'skillspan', sourceId: 'race-1' };

  beforeEach(async () => {
    fake = await startFakeMeilisearch({
      indexUid: INDEX,
      filterableAttributes: meiliSettingsFor(searchVocabulary()).filterableAttributes ?? [],
    });
    const search = createMeiliSearchIndex({
      host: fake.url,
      indexUid: INDEX,
      vocabulary: searchVocabulary(),
    });
    t = await createTestServices({ search });
    const recruiter = await t.viewer('recruiter', 'Acme Race');
    owner = { ownerId: recruiter.sub, companyId: recruiter.companyId!, company: 'Acme Race' };
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it('repairs an older version whose write was received after the newer one', async () => {
    const { listing } = await t.store.listings.upsertBySource({
      ...newListing(owner, { title: 'Go Engineer' }),
      source,
    });
    const held = fake.holdNext(FETCH);
    const older = t.services.search.indexListing({ listingId: listing.id, version: 1 });
    // The older job has read version 1 from the store and found nothing indexed; its write is to come.
    await held.arrived;
    await t.store.listings.update(listing.id, { title: 'Rust Engineer' });
    expect(await t.services.search.indexListing({ listingId: listing.id, version: 2 })).toEqual({
      indexedVersion: 2,
    });
    held.release();
    expect(await older).toEqual({ indexedVersion: 2 });
    // Version 1 was applied after version 2, and its own writer put version 2 back.
    expect(fake.applied).toEqual([`add ${listing.id}@2`, `add ${listing.id}@1`, `add ${listing.id}@2`]);
    expect(fake.documents.get(listing.id)).toMatchObject({ version: 2, title: 'Rust Engineer' });
  });

  it('never removes the document of a listing imported again after its deletion', async () => {
    const { listing } = await t.store.listings.upsertBySource({
      ...newListing(owner, { title: 'Go Engineer' }),
      source,
    });
    await t.services.search.indexListing({ listingId: listing.id, version: 1 });
    await t.store.listings.delete(listing.id);
    const held = fake.holdNext(DELETE);
    const removal = t.services.search.indexListing({ listingId: listing.id, version: 2 });
    // The removal job read the tombstone (version 2); its deletion is not yet received.
    await held.arrived;
    const revived = await t.store.listings.upsertBySource({
      ...newListing(owner, { title: 'Kotlin Engineer' }),
      source,
    });
    expect(revived.listing.version).toBe(3);
    await t.services.search.indexListing({ listingId: listing.id, version: 3 });
    held.release();
    expect(await removal).toEqual({ indexedVersion: 3 });
    // The removal, applied after version 3 was added, was only for versions up to 2: nothing removed.
    expect(fake.applied.filter((change) => change.startsWith('remove'))).toEqual([]);
    expect(fake.documents.get(listing.id)).toMatchObject({ version: 3, title: 'Kotlin Engineer' });
  });

  it('removes a deleted listing, whichever of its versions the index holds', async () => {
    const { listing } = await t.store.listings.upsertBySource({
      ...newListing(owner, { title: 'Go Engineer' }),
      source,
    });
    await t.services.search.indexListing({ listingId: listing.id, version: 1 });
    await t.store.listings.delete(listing.id);
    expect(await t.services.search.indexListing({ listingId: listing.id, version: 2 })).toEqual({
      removed: true,
      indexedVersion: 2,
    });
    expect(fake.applied).toEqual([`add ${listing.id}@1`, `remove ${listing.id}@1`]);
    expect(fake.documents.size).toBe(0);
  });
});
