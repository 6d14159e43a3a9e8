import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { listingData, newListing, profileData, uniqueEmail } from '../../../tests/helpers/factories.ts';
import type { MatchRecord, Store } from './port.ts';
import { describeHiringStoreContract } from './store-contract-hiring.ts';

/**
 * The behaviour every store adapter must show. Thin test files call this once per adapter; each case
 * gets a fresh, empty store and closes it.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    async function recruiter() {
      const company = await store.companies.findOrCreate('Acme Payments');
      const user = await store.users.create({
        email: uniqueEmail('recruiter'),
        name: 'Rita Recruiter',
        role: 'recruiter',
        companyId: company.id,
        passwordHash: 'hash',
      });
      return { ownerId: user.id, companyId: company.id, company: company.name };
    }

    async function candidate() {
      return store.users.create({
        email: uniqueEmail('cand'),
        name: 'Cara',
        role: 'candidate',
        companyId: null,
        passwordHash: 'h',
      });
    }

    async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
      const all: T[] = [];
      for await (const batch of batches) all.push(...batch);
      return all;
    }

    it('pings', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('users and companies', () => {
      it('creates a user and finds it by id and by email in any casing', async () => {
        const email = uniqueEmail('Mixed');
        const user = await store.users.create({
          email,
          name: 'Ann',
          role: 'candidate',
          companyId: null,
          passwordHash: 'x',
        });
        expect(user).toMatchObject({
          email,
          name: 'Ann',
          role: 'candidate',
          companyId: null,
          passwordHash: 'x',
        });
        expect(typeof user.id).toBe('string');
        expect(Date.parse(user.createdAt)).not.toBeNaN();
        expect((await store.users.findById(user.id))?.email).toBe(email);
        expect((await store.users.findByEmail(email.toUpperCase()))?.id).toBe(user.id);
        expect(await store.users.findByEmail('nobody@example.com')).toBeNull();
        expect((await store.users.findManyByIds([user.id, 'missing'])).map((u) => u.id)).toEqual([user.id]);
      });

      it('refuses a second account with the same email, whatever its casing', async () => {
        const email = uniqueEmail('dup');
        await store.users.create({ email, name: 'A', role: 'candidate', companyId: null, passwordHash: 'x' });
        const attempt = store.users.create({
          email: email.toUpperCase(),
          name: 'B',
          role: 'candidate',
          companyId: null,
          passwordHash: 'y',
        });
        await expect(attempt).rejects.toBeInstanceOf(AppError);
        await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
      });

      it('creates a company once per name, refusing a second one in any casing', async () => {
        const created = await store.companies.create('Initech');
        expect((await store.companies.findById(created.id))?.name).toBe('Initech');
        await expect(store.companies.create('INITECH')).rejects.toMatchObject({ code: 'conflict' });
      });

      it('keeps one company per name, case-insensitively', async () => {
        const first = await store.companies.findOrCreate('Globex');
        const again = await store.companies.findOrCreate('GLOBEX');
        expect(again.id).toBe(first.id);
        expect((await store.companies.findById(first.id))?.name).toBe('Globex');
      });
    });

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
        await expect(store.listings.update('000000000000000000000000', { title: 'x' })).rejects.toMatchObject(
          { code: 'not_found' },
        );
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
        expect((await store.listings.listByCompany(owner.companyId, { page: 3, limit: 2 })).items).toEqual(
          [],
        );
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

    describe('profiles', () => {
      it('creates on first save, then bumps the version and guards with an expected version', async () => {
        const user = await candidate();
        expect(await store.profiles.findByUserId(user.id)).toBeNull();
        const created = await store.profiles.save(user.id, profileData());
        expect(created).toMatchObject({ ...profileData(), userId: user.id, version: 1, matchedVersion: 0 });
        const saved = await store.profiles.save(user.id, profileData({ headline: 'Go person' }), 1);
        expect(saved).toMatchObject({ id: created.id, headline: 'Go person', version: 2 });
        await expect(store.profiles.save(user.id, profileData(), 1)).rejects.toMatchObject({
          code: 'version_conflict',
        });
        expect((await store.profiles.findById(created.id))?.headline).toBe('Go person');
      });

      it('scans discoverable profiles only when asked and tracks matched versions', async () => {
        const visible = await store.profiles.save(
          (await candidate()).id,
          profileData({ discoverable: true }),
        );
        const hidden = await store.profiles.save(
          (await candidate()).id,
          profileData({ discoverable: false }),
        );
        expect(await store.profiles.count()).toBe(2);
        expect(await store.profiles.count({ discoverable: true })).toBe(1);
        expect((await collect(store.profiles.scan(10, { discoverable: true }))).map((p) => p.id)).toEqual([
          visible.id,
        ]);
        await store.profiles.markProcessed('matched', hidden.id, 1);
        expect((await store.profiles.findLagging('matched', 10)).map((p) => p.id)).toEqual([visible.id]);
        expect((await store.profiles.findManyByIds([hidden.id])).map((p) => p.id)).toEqual([hidden.id]);
      });

      it('lets a first save through whatever version it expects', async () => {
        const user = await candidate();
        expect(await store.profiles.save(user.id, profileData(), 5)).toMatchObject({ version: 1 });
      });

      it('scans profiles in batches and never lowers a matched version', async () => {
        const saved = [];
        for (let i = 0; i < 3; i++)
          saved.push(await store.profiles.save((await candidate()).id, profileData()));
        const scanned = await collect(store.profiles.scan(2));
        expect(scanned.map((p) => p.id).sort()).toEqual(saved.map((p) => p.id).sort());
        await store.profiles.save(saved[0]!.userId, profileData({ headline: 'v2' }));
        await store.profiles.markProcessed('matched', saved[0]!.id, 2);
        await store.profiles.markProcessed('matched', saved[0]!.id, 1);
        expect((await store.profiles.findById(saved[0]!.id))?.matchedVersion).toBe(2);
        expect((await store.profiles.findLagging('matched', 10)).map((p) => p.id).sort()).toEqual(
          [saved[1]!.id, saved[2]!.id].sort(),
        );
      });

      it('upserts imported profiles by source id', async () => {
        const user = await candidate();
        const source = { source: 'so-survey-2019', sourceId: '7' };
        expect(
          (await store.profiles.upsertBySource({ ...profileData(), userId: user.id, source })).outcome,
        ).toBe('created');
        expect(
          (await store.profiles.upsertBySource({ ...profileData(), userId: user.id, source })).outcome,
        ).toBe('unchanged');
        const updated = await store.profiles.upsertBySource({
          ...profileData({ yearsExperience: 9 }),
          userId: user.id,
          source,
        });
        expect(updated).toMatchObject({
          outcome: 'updated',
          profile: { yearsExperience: 9, version: 2, source },
        });
      });
    });

    describe('refresh tokens', () => {
      it('creates, finds by hash, rotates, revokes a family and expires', async () => {
        const user = await candidate();
        const future = new Date(Date.now() + 60_000).toISOString();
        const first = await store.refreshTokens.create({
          userId: user.id,
          familyId: 'fam-1',
          tokenHash: 'hash-1',
          expiresAt: future,
        });
        const second = await store.refreshTokens.create({
          userId: user.id,
          familyId: 'fam-1',
          tokenHash: 'hash-2',
          expiresAt: future,
        });
        expect((await store.refreshTokens.findByHash('hash-1'))?.id).toBe(first.id);
        expect(await store.refreshTokens.findById(second.id)).toMatchObject({ tokenHash: 'hash-2' });
        expect(await store.refreshTokens.findById('no-such-token')).toBeNull();
        expect(await store.refreshTokens.revoke(first.id, second.id)).toBe(true);
        expect(await store.refreshTokens.revoke(first.id)).toBe(false);
        expect(await store.refreshTokens.findByHash('hash-1')).toMatchObject({ replacedById: second.id });
        expect((await store.refreshTokens.findByHash('hash-1'))?.revokedAt).not.toBeNull();
        expect(await store.refreshTokens.revokeFamily('fam-1')).toBe(1);
        await store.refreshTokens.create({
          userId: user.id,
          familyId: 'fam-2',
          tokenHash: 'old',
          expiresAt: new Date(Date.now() - 1000).toISOString(),
        });
        expect(await store.refreshTokens.deleteExpired(new Date())).toBe(1);
        expect(await store.refreshTokens.findByHash('old')).toBeNull();
      });
    });

    describe('matches and documents', () => {
      const SUMMARY = {
        score: 40,
        topMissing: [{ id: 'go', name: 'Go' }],
        matchedCount: 1,
        requiredCount: 2,
      };
      const record = (listingId: string, profileId: string, score: number, version = 1): MatchRecord => ({
        listingId,
        profileId,
        score,
        summary: SUMMARY,
        listingVersion: version,
        profileVersion: 1,
        computedAt: new Date().toISOString(),
      });

      it('replaces a listing’s candidates, best first, and ignores late results for older versions', async () => {
        expect(
          await store.matches.replaceForListing('L1', 2, [
            record('L1', 'P1', 40, 2),
            record('L1', 'P2', 90, 2),
          ]),
        ).toBe(true);
        expect(await store.matches.replaceForListing('L1', 1, [record('L1', 'P3', 99)])).toBe(false);
        const page = await store.matches.candidatesOf('L1', { page: 1, limit: 10 });
        expect(page.total).toBe(2);
        expect(page.items.map((m) => [m.profileId, m.score])).toEqual([
          ['P2', 90],
          ['P1', 40],
        ]);
        expect(page.items[0]?.summary).toEqual(SUMMARY);
        expect(await store.matches.replaceForListing('L1', 3, [record('L1', 'P3', 10, 3)])).toBe(true);
        expect(
          (await store.matches.candidatesOf('L1', { page: 1, limit: 10 })).items.map((m) => m.profileId),
        ).toEqual(['P3']);
      });

      it('keeps candidates and recommendations as separate lists', async () => {
        await store.matches.replaceForListing('L1', 1, [record('L1', 'P1', 50), record('L1', 'P2', 40)]);
        await store.matches.replaceForProfile('P1', 1, [record('L2', 'P1', 70)]);
        // A profile's re-match does not remove it from a listing's candidates, nor the reverse.
        expect((await store.matches.candidatesOf('L1', { page: 1, limit: 10 })).total).toBe(2);
        expect(
          (await store.matches.recommendationsOf('P1', { page: 1, limit: 10 })).items.map((m) => m.listingId),
        ).toEqual(['L2']);
        expect((await store.matches.candidatesOf('L2', { page: 1, limit: 10 })).total).toBe(0);
      });

      it('places a listing into recommendations, replacing where it stood before', async () => {
        await store.matches.replaceForProfile('P1', 1, [record('L2', 'P1', 70)]);
        await store.matches.placeListingInRecommendations(
          'L1',
          [record('L1', 'P1', 50), record('L1', 'P2', 60)],
          [],
        );
        expect(await store.matches.recommendationsOf('P1', { page: 1, limit: 1 })).toMatchObject({
          total: 2,
          items: [{ listingId: 'L2', score: 70 }],
        });
        const previous = await store.matches.recommendedTo('L1');
        expect([...previous].sort()).toEqual(['P1', 'P2']);
        // Written after that read: left alone by a placement that did not know of it.
        await store.matches.placeListingInRecommendations('L1', [record('L1', 'P3', 40)], []);
        await store.matches.placeListingInRecommendations('L1', [record('L1', 'P2', 65)], previous);
        expect((await store.matches.recommendedTo('L1')).sort()).toEqual(['P2', 'P3']);
        expect(
          (await store.matches.recommendationsOf('P1', { page: 1, limit: 10 })).items.map((m) => m.listingId),
        ).toEqual(['L2']);
        expect(
          (await store.matches.recommendationsOf('P2', { page: 1, limit: 10 })).items.map((m) => m.score),
        ).toEqual([65]);
        expect(await store.matches.recommendedTo('L9')).toEqual([]);
      });

      it('removes a closed listing from both lists and refuses late results for it', async () => {
        await store.matches.replaceForListing('L3', 1, [record('L3', 'P1', 20)]);
        await store.matches.placeListingInRecommendations('L3', [record('L3', 'P1', 20)], []);
        await store.matches.deleteForListing('L3', 2);
        expect((await store.matches.recommendationsOf('P1', { page: 1, limit: 10 })).total).toBe(0);
        expect((await store.matches.candidatesOf('L3', { page: 1, limit: 10 })).total).toBe(0);
        expect(await store.matches.replaceForListing('L3', 1, [record('L3', 'P1', 20)])).toBe(false);
        expect((await store.matches.candidatesOf('L3', { page: 1, limit: 10 })).total).toBe(0);
      });

      it('stores and replaces JSON documents', async () => {
        expect(await store.documents.get('bands')).toBeNull();
        await store.documents.put('bands', { a: [1, 2], b: { c: 'd' } });
        await store.documents.put('bands', { a: [3] });
        expect(await store.documents.get('bands')).toEqual({ a: [3] });
      });
    });

    describeHiringStoreContract(makeStore);
  });
}
