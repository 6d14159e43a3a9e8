import type { CompanyDoc } from '../schemas/companies.ts';
import { asKey, type FilterAndUpdate } from './checked-input.ts';

/** Case-insensitive, nothing more: the embedded store compares with SQLite's NOCASE. */
export const companyNameKeyOf = (name: unknown): string => asKey(name, 'name').toLowerCase();

export function companyFindOrCreate(name: string, id: string, now: Date): FilterAndUpdate {
  const nameKey = companyNameKeyOf(name);
  const insert: CompanyDoc = { _id: id, name, nameKey, createdAt: now };
  return { filter: { nameKey }, update: { $setOnInsert: insert } };
}
