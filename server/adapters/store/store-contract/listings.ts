import { describe, expect, it } from 'vitest';
import { listingData, newListing } from '../../../../tests/helpers/factories.ts';
import type { StoreCase } from './handle.ts';

export function describeListings({ store, recruiter, collect }: StoreCase): void {
  describe('listings', () => {
    it('creates an open listing at version 1 with nothing indexed or matched yet', async () => {
      const listing = await store.listings.create(newListing(await recruiter()));
      expect(listing).toMatchObject({
        ...listingData(),
        status: 'open',
        version: 1,
        indexedVersion: 0,
        matchedVersion: 0,
        deletedAt: null,
      });
      expect(await store.listings.findById(listing.id)).toEqual(listing);
    });

    it('bumps the version on update and refuses a stale expected version', async () => {
      const listing = await store.listings.create(newListing(await recruiter()));
      const updated = await store.listings.update(listing.id, { title: 'Staff Go Engineer' }, 1);
      expect(updated).toMatchObject({
        title: 'Staff Go Engineer',
        version: 2,
        description: listing.description,
      });
      await expect(store.listings.update(listing.id, { title: 'Lost update' }, 1)).rejects.toMatchObject({
        code: 'version_conflict',
      });
      expect((await store.listings.findById(listing.id))?.title).toBe('Staff Go Engineer');
      const closed = await store.listings.update(listing.id, { status: 'closed' });
      expect(closed).toMatchObject({ status: 'closed', version: 3 });
    });

    it('answers not_found when updating a listing that does not exist', async () => {
      await expect(store.listings.update('000000000000000000000000', { title: 'x' })).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('deletes as a tombstone that lags the index until purged', async () => {
      const listing = await store.listings.create(newListing(await recruiter()));
      await store.listings.markProcessed('indexed', listing.id, 1);
      expect(await store.listings.delete(listing.id)).toBe(true);
      expect(await store.listings.delete(listing.id)).toBe(false);
      expect(await store.listings.findById(listing.id)).toBeNull();
      const lagging = await store.listings.findLagging('indexed', 10);
      expect(lagging.map((l) => [l.id, l.version, l.deletedAt !== null])).toEqual([[listing.id, 2, true]]);
      expect(await store.listings.purgeDeleted()).toBe(0);
      await store.listings.markProcessed('indexed', listing.id, 2);
      // Matches must have seen the deletion too before the tombstone goes.
      expect(await store.listings.purgeDeleted()).toBe(0);
      await store.listings.markProcessed('matched', listing.id, 2);
      expect(await store.listings.purgeDeleted()).toBe(1);
      expect(await store.listings.findLagging('indexed', 10)).toEqual([]);
    });

    it('lists a company’s listings newest first, paginated, without deleted ones', async () => {
      const owner = await recruiter();
      const created = [];
      for (let i = 0; i < 5; i++)
        created.push(await store.listings.create(newListing(owner, { title: `Role ${i}` })));
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.listings.update(created[0]!.id, { title: 'Role 0 edited' });
      await store.listings.delete(created[4]!.id);
      const first = await store.listings.listByCompany(owner.companyId, { page: 1, limit: 2 });
      expect(first.total).toBe(4);
      expect(first.items.map((l) => l.title)[0]).toBe('Role 0 edited');
      const all = [
        ...first.items,
        ...(await store.listings.listByCompany(owner.companyId, { page: 2, limit: 2 })).items,
      ];
      expect(new Set(all.map((l) => l.id)).size).toBe(4);
      expect((await store.listings.listByCompany(owner.companyId, { page: 3, limit: 2 })).items).toEqual([]);
      expect((await store.listings.listByCompany('someone-else', { page: 1, limit: 2 })).total).toBe(0);
    });

    it('never lowers a processed version and reports lag per kind', async () => {
      const listing = await store.listings.create(newListing(await recruiter()));
      await store.listings.update(listing.id, { title: 'v2' });
      await store.listings.markProcessed('indexed', listing.id, 2);
      await store.listings.markProcessed('indexed', listing.id, 1);
      expect((await store.listings.findById(listing.id))?.indexedVersion).toBe(2);
      expect(await store.listings.findLagging('indexed', 10)).toEqual([]);
      expect((await store.listings.findLagging('matched', 10)).map((l) => l.id)).toEqual([listing.id]);
    });

    it('resets one kind of processing for every listing, leaving the other kind alone', async () => {
      const listing = await store.listings.create(newListing(await recruiter()));
      await store.listings.markProcessed('indexed', listing.id, 1);
      await store.listings.markProcessed('matched', listing.id, 1);
      expect(await store.listings.resetProcessed('indexed')).toBe(1);
      expect((await store.listings.findLagging('indexed', 10)).map((l) => l.id)).toEqual([listing.id]);
      expect(await store.listings.findLagging('matched', 10)).toEqual([]);
      await store.listings.markProcessed('indexed', listing.id, 1);
      expect(await store.listings.findLagging('indexed', 10)).toEqual([]);
    });

    it('upserts by source id idempotently', async () => {
      const owner = await recruiter();
      const source = { source: 'skillspan', sourceId: '42' };
      const first = await store.listings.upsertBySource({ ...newListing(owner), source });
      expect(first.outcome).toBe('created');
      const again = await store.listings.upsertBySource({ ...newListing(owner), source });
      expect(again).toMatchObject({ outcome: 'unchanged', listing: { id: first.listing.id, version: 1 } });
      const changed = await store.listings.upsertBySource({
        ...newListing(owner, { title: 'Changed' }),
        source,
      });
      expect(changed).toMatchObject({
        outcome: 'updated',
        listing: { id: first.listing.id, version: 2, title: 'Changed' },
      });
      expect(first.listing.source).toEqual(source);
    });

    it('brings a deleted listing back when it is imported again, keeping its status unless the import states one', async () => {
      const owner = await recruiter();
      const source = { source: 'skillspan', sourceId: '43' };
      const first = await store.listings.upsertBySource({
        ...newListing(owner, { status: 'closed' }),
        source,
      });
      await store.listings.delete(first.listing.id);
      await expect(store.listings.update(first.listing.id, { title: 'Too late' })).rejects.toMatchObject({
        code: 'not_found',
      });
      const revived = await store.listings.upsertBySource({ ...newListing(owner), source });
      expect(revived).toMatchObject({
        outcome: 'updated',
        listing: { id: first.listing.id, status: 'closed', version: 3, deletedAt: null },
      });
      expect((await store.listings.findById(first.listing.id))?.version).toBe(3);
      expect((await store.listings.upsertBySource({ ...newListing(owner), source })).outcome).toBe(
        'unchanged',
      );
      const reopened = await store.listings.upsertBySource({
        ...newListing(owner, { status: 'open' }),
        source,
      });
      expect(reopened).toMatchObject({ outcome: 'updated', listing: { status: 'open', version: 4 } });
    });

    it('scans and counts by status', async () => {
      const owner = await recruiter();
      const open = await store.listings.create(newListing(owner));
      const closed = await store.listings.create(newListing(owner, { status: 'closed' }));
      const gone = await store.listings.create(newListing(owner));
      await store.listings.delete(gone.id);
      expect(await store.listings.count()).toBe(2);
      expect(await store.listings.count({ status: 'open' })).toBe(1);
      const scanned = await collect(store.listings.scan(1));
      expect(scanned.map((l) => l.id).sort()).toEqual([open.id, closed.id].sort());
      expect((await collect(store.listings.scan(10, { status: 'open' }))).map((l) => l.id)).toEqual([
        open.id,
      ]);
      expect((await store.listings.findManyByIds([open.id, gone.id])).map((l) => l.id)).toEqual([open.id]);
    });
  });
}
