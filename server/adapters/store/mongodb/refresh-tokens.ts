import type { RefreshToken, RefreshTokenStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { iso, isoOrNull, newId } from './mapping.ts';
import * as q from './queries/index.ts';
import type { RefreshTokenDoc } from './schemas/refresh-tokens.ts';

export function refreshTokenFromDoc(doc: RefreshTokenDoc): RefreshToken {
  return {
    id: doc._id,
    userId: doc.userId,
    familyId: doc.familyId,
    tokenHash: doc.tokenHash,
    expiresAt: iso(doc.expiresAt),
    revokedAt: isoOrNull(doc.revokedAt),
    replacedById: doc.replacedById ?? null,
    createdAt: iso(doc.createdAt),
  };
}

export function createRefreshTokenStore(run: MongoRun): RefreshTokenStore {
  return {
    create: (input) =>
      run('refresh token', async (models) => {
        const created = await models.refreshTokens.create(q.newRefreshTokenDoc(input, newId(), new Date()));
        return refreshTokenFromDoc(created.toObject());
      }),
    findByHash: (tokenHash) =>
      run('refresh token', async (models) => {
        const doc = await models.refreshTokens.findOne(q.tokenByHash(tokenHash)).lean<RefreshTokenDoc>();
        return doc ? refreshTokenFromDoc(doc) : null;
      }),
    findById: (id) =>
      run('refresh token', async (models) => {
        const doc = await models.refreshTokens.findOne(q.byId(id)).lean<RefreshTokenDoc>();
        return doc ? refreshTokenFromDoc(doc) : null;
      }),
    revoke: (id, replacedById) =>
      run('refresh token', async (models) => {
        const { filter, update } = q.tokenRevoke(id, new Date(), replacedById);
        return (await models.refreshTokens.updateOne(filter, update)).modifiedCount === 1;
      }),
    revokeFamily: (familyId) =>
      run('refresh token', async (models) => {
        const { filter, update } = q.familyRevoke(familyId, new Date());
        return (await models.refreshTokens.updateMany(filter, update)).modifiedCount;
      }),
    deleteExpired: (now) =>
      run(
        'refresh token',
        async (models) => (await models.refreshTokens.deleteMany(q.expiredTokens(now))).deletedCount,
      ),
  };
}
