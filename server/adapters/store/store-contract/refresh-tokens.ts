import { describe, expect, it } from 'vitest';
import type { StoreCase } from './handle.ts';

export function describeRefreshTokens({ store, candidate }: StoreCase): void {
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
}
