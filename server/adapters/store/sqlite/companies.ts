import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { conflict } from '../../../errors.ts';
import type { Company, CompanyStore } from '../port.ts';
import { isUniqueViolation, now } from './rows.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

interface CompanyRow {
  id: string;
  name: string;
  created_at: string;
}

const companyFromRow = (row: CompanyRow): Company => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});

export function createCompanyStore(db: Database.Database): CompanyStore {
  function insertCompany(name: string): Company {
    const company = { id: randomUUID(), name, createdAt: now() };
    db.prepare('INSERT INTO companies (id, name, created_at) VALUES (?, ?, ?)').run(
      company.id,
      company.name,
      company.createdAt,
    );
    return company;
  }

  return {
    async create(name) {
      try {
        return insertCompany(name);
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict('A company with this name is registered', [
            { path: '/company', message: 'already registered' },
          ]);
        throw error;
      }
    },
    async findOrCreate(name) {
      return writeTransaction(db, (): Company => {
        // The name column is COLLATE NOCASE: one company per name in any casing.
        const existing = db.prepare<[string], CompanyRow>('SELECT * FROM companies WHERE name = ?').get(name);
        return existing ? companyFromRow(existing) : insertCompany(name);
      })();
    },
    async findById(id) {
      const row = db.prepare<[string], CompanyRow>('SELECT * FROM companies WHERE id = ?').get(id);
      return row ? companyFromRow(row) : null;
    },
  };
}
