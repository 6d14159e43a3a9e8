import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RefreshToken, RefreshTokenStore } from '../port.ts';
import { now } from './rows.ts';

interface TokenRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
  replaced_by_id: string | null;
  created_at: string;
}

const tokenFromRow = (row: TokenRow): RefreshToken => ({
  id: row.id,
  userId: row.user_id,
  familyId: row.family_id,
  tokenHash: row.token_hash,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  replacedById: row.replaced_by_id,
  createdAt: row.created_at,
});

export function createRefreshTokenStore(db: Database.Database): RefreshTokenStore {
  return {
    async create(input) {
      const token: RefreshToken = {
        ...input,
        id: randomUUID(),
        revokedAt: null,
        replacedById: null,
        createdAt: now(),
      };
      db.prepare(
        `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(token.id, token.userId, token.familyId, token.tokenHash, token.expiresAt, token.createdAt);
      return token;
    },
    async findByHash(tokenHash) {
      const row = db
        .prepare<[string], TokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = ?')
        .get(tokenHash);
      return row ? tokenFromRow(row) : null;
    },
    async findById(id) {
      const row = db.prepare<[string], TokenRow>('SELECT * FROM refresh_tokens WHERE id = ?').get(id);
      return row ? tokenFromRow(row) : null;
    },
    async revoke(id, replacedById) {
      const result = db
        .prepare(
          'UPDATE refresh_tokens SET revoked_at = ?, replaced_by_id = ? WHERE id = ? AND revoked_at IS NULL',
        )
        .run(now(), replacedById ?? null, id);
      return result.changes > 0;
    },
    async revokeFamily(familyId) {
      return db
        .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL')
        .run(now(), familyId).changes;
    },
    async deleteExpired(at) {
      return db.prepare('DELETE FROM refresh_tokens WHERE expires_at < ?').run(at.toISOString()).changes;
    },
  };
}
