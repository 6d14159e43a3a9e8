import { trusted } from 'mongoose';
import type { NewRefreshToken } from '../../port.ts';
import type { RefreshTokenDoc } from '../schemas/refresh-tokens.ts';
import { asKey, badInput, byId, type Filter, type FilterAndUpdate } from './checked-input.ts';

export function newRefreshTokenDoc(input: NewRefreshToken, id: string, now: Date): RefreshTokenDoc {
  return {
    _id: id,
    userId: asKey(input.userId, 'userId'),
    familyId: asKey(input.familyId, 'familyId'),
    tokenHash: asKey(input.tokenHash, 'tokenHash'),
    expiresAt: new Date(input.expiresAt),
    revokedAt: null,
    replacedById: null,
    createdAt: now,
  };
}

export const tokenByHash = (tokenHash: unknown): Filter => ({ tokenHash: asKey(tokenHash, 'tokenHash') });

export function tokenRevoke(id: unknown, now: Date, replacedById?: string): FilterAndUpdate {
  return {
    filter: { ...byId(id), revokedAt: null },
    update: {
      $set: {
        revokedAt: now,
        replacedById: replacedById === undefined ? null : asKey(replacedById, 'replacedById'),
      },
    },
  };
}

export function familyRevoke(familyId: unknown, now: Date): FilterAndUpdate {
  return {
    filter: { familyId: asKey(familyId, 'familyId'), revokedAt: null },
    update: { $set: { revokedAt: now } },
  };
}

export function expiredTokens(now: Date): Filter {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw badInput('now', 'a valid Date');
  return { expiresAt: trusted({ $lt: now }) };
}
