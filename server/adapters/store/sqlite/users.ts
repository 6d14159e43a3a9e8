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
          `INSERT INTO users (id, email, name, role, company_id, password_hash, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, input.email, input.name, input.role, input.companyId, input.passwordHash, at, at);
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
  };
}
