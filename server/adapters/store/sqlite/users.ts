import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { conflict } from '../../../errors.ts';
import type { User, UserStore } from '../port.ts';
import { isUniqueViolation, now, rowsByIds } from './rows.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  company_id: string | null;
  password_hash: string;
  email_confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

const userFromRow = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  companyId: row.company_id,
  passwordHash: row.password_hash,
  emailConfirmedAt: row.email_confirmed_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createUserStore(db: Database.Database): UserStore {
  const userById = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');

  return {
    async create(input) {
      const at = now();
      const id = randomUUID();
      try {
        db.prepare(
          `INSERT INTO users (id, email, name, role, company_id, password_hash, email_confirmed_at,
                              created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          input.email,
          input.name,
          input.role,
          input.companyId,
          input.passwordHash,
          input.emailConfirmedAt === null ? null : at,
          at,
          at,
        );
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict('Email already registered', [{ path: '/email', message: 'already registered' }]);
        throw error;
      }
      return userFromRow(userById.get(id)!);
    },
    async findById(id) {
      const row = userById.get(id);
      return row ? userFromRow(row) : null;
    },
    async findByEmail(email) {
      // The email column is COLLATE NOCASE: any casing finds the account.
      const row = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email);
      return row ? userFromRow(row) : null;
    },
    async findManyByIds(ids) {
      return rowsByIds<UserRow, User>(db, 'users', '', ids, userFromRow);
    },
    async replaceUnconfirmed(id, details) {
      const changed = db
        .prepare(
          `UPDATE users SET name = ?, role = ?, company_id = ?, password_hash = ?, updated_at = ?
           WHERE id = ? AND email_confirmed_at IS NULL`,
        )
        .run(details.name, details.role, details.companyId, details.passwordHash, now(), id);
      return changed.changes === 1 ? userFromRow(userById.get(id)!) : null;
    },
    async confirmEmail(id) {
      const at = now();
      db.prepare(
        'UPDATE users SET email_confirmed_at = ?, updated_at = ? WHERE id = ? AND email_confirmed_at IS NULL',
      ).run(at, at, id);
      const row = userById.get(id);
      return row ? userFromRow(row) : null;
    },
  };
}
