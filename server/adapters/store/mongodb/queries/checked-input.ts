import { trusted } from 'mongoose';
import { AppError } from '../../../../errors.ts';
import { isOneOf } from '../../../../shared/vocabulary.ts';
import type { PageRequest, SourceKey } from '../../port.ts';

/**
 * Every filter and update the MongoDB adapter sends is built in this folder, by small pure functions,
 * from values checked here to be plain strings, integers, booleans or Dates. An object such as
 * `{ $ne: '' }` passed where an id or an email belongs is refused before it can become a query
 * operator. The operators these builders add themselves are marked `trusted()`, because the connection
 * also runs mongoose's `sanitizeFilter`, which wraps any other `$` object in `$eq`.
 */

export type Filter = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

export interface FilterAndUpdate {
  filter: Filter;
  update: Record<string, unknown>;
}

export interface PagedQuery {
  filter: Filter;
  sort: Sort;
  skip: number;
  limit: number;
}

export const badInput = (field: string, expected: string) =>
  new AppError('bad_request', `${field} must be ${expected}`, [
    { path: `/${field}`, message: `must be ${expected}` },
  ]);

/** A key used in a filter: strings pass, finite numbers become strings, anything else is refused. */
export function asKey(value: unknown, field = 'id'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw badInput(field, 'a string');
}

export function asKeys(values: unknown, field = 'ids'): string[] {
  if (!Array.isArray(values)) throw badInput(field, 'a list of strings');
  return [...new Set(values.map((value) => asKey(value, field)))];
}

export function asVersion(value: unknown, field = 'version'): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw badInput(field, 'a non-negative integer');
}

export function asBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  throw badInput(field, 'true or false');
}

export function asOneOf<T extends string>(values: readonly T[], value: unknown, field: string): T {
  if (isOneOf(values, value)) return value;
  throw badInput(field, `one of ${values.join(', ')}`);
}

/** An ISO-8601 timestamp from the port, as the Date it is compared with in MongoDB. */
export function asDate(value: unknown, field: string): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (date && !Number.isNaN(date.getTime())) return date;
  throw badInput(field, 'an ISO-8601 timestamp');
}

export function asSourceKey(value: unknown): SourceKey {
  if (typeof value !== 'object' || value === null) throw badInput('source', 'an object { source, sourceId }');
  const { source, sourceId } = value as Record<string, unknown>;
  return { source: asKey(source, 'source/source'), sourceId: asKey(sourceId, 'source/sourceId') };
}

export function pageWindow(page: PageRequest): { skip: number; limit: number } {
  const pageNumber = asVersion(page.page, 'page');
  const limit = asVersion(page.limit, 'limit');
  if (pageNumber < 1) throw badInput('page', 'at least 1');
  if (limit < 1) throw badInput('limit', 'at least 1');
  return { skip: (pageNumber - 1) * limit, limit };
}

export const byId = (id: unknown): Filter => ({ _id: asKey(id) });
export const byIds = (ids: unknown): Filter => ({ _id: trusted({ $in: asKeys(ids) }) });
