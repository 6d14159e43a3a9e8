import { describe, expect, it } from 'vitest';
import { profileData } from '../../../../tests/helpers/factories.ts';
import type { StoreCase } from './handle.ts';

export function describeProfiles({ store, candidate, collect }: StoreCase): void {
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
      const visible = await store.profiles.save((await candidate()).id, profileData({ discoverable: true }));
      const hidden = await store.profiles.save((await candidate()).id, profileData({ discoverable: false }));
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
}
