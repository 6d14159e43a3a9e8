import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { conflict, notFound } from '../../../errors.ts';
import { LISTING_DATA_FIELDS } from '../port.ts';
import type { LagKind, Listing, ListingData, ListingStatus, ListingStore, NewListing } from '../port.ts';
import { isUniqueViolation, now, pageOf, sourceOf } from './rows.ts';
import { createVersionedTable, type ColumnFilter } from './versioned-entity.ts';
import type { DeliveryWriter } from './deliveries.ts';
import { withListingDefaults } from '../../../domain/listing.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

interface ListingRow {
  id: string;
  owner_id: string;
  company_id: string;
  company: string;
  status: ListingStatus;
  /** The ListingData fields as JSON. */
  data: string;
  version: number;
  indexed_version: number;
  matched_version: number;
  deleted_at: string | null;
  source: string | null;
  source_id: string | null;
  created_at: string;
  updated_at: string;
}

function pickListingData(input: ListingData): ListingData {
  return Object.fromEntries(
    LISTING_DATA_FIELDS.map((field) => [field, input[field]]),
  ) as unknown as ListingData;
}

/** The `data` column: only the port's fields, in the port's order, so equal data is equal text. */
const dataColumn = (input: ListingData): string => JSON.stringify(pickListingData(input));

/** Rows whose parsed data is kept (a few MB at the demo board's posting size). */
const PARSED_DATA_ENTRIES = 2_000;
const parsedData = new Map<string, { text: string; data: Readonly<ListingData> }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * A row's data, parsed once while its text stays the same: parsing a long description on every read
 * was most of what hydrating a page of search hits cost. Checked against the text itself, not the
 * version, so a restored or copied file can never be answered from another file's row. Frozen, since
 * every read of the row shares it.
 */
function dataOf(row: ListingRow): Readonly<ListingData> {
  const kept = parsedData.get(row.id);
  if (kept && kept.text === row.data) return kept.data;
  const data = deepFreeze(withListingDefaults(JSON.parse(row.data) as ListingData));
  parsedData.delete(row.id);
  parsedData.set(row.id, { text: row.data, data });
  if (parsedData.size > PARSED_DATA_ENTRIES) parsedData.delete(parsedData.keys().next().value!);
  return data;
}

/**
 * The one way a stored row becomes a Listing: every read of the embedded store passes here, so a
 * default for a field that older rows lack belongs here and nowhere else.
 */
export function listingFromRow(row: ListingRow): Listing {
  return {
    ...dataOf(row),
    id: row.id,
    ownerId: row.owner_id,
    companyId: row.company_id,
    company: row.company,
    status: row.status,
    version: row.version,
    indexedVersion: row.indexed_version,
    matchedVersion: row.matched_version,
    deletedAt: row.deleted_at,
    source: sourceOf(row.source, row.source_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const byStatus = (filter?: { status?: ListingStatus }): ColumnFilter =>
  filter?.status ? { status: filter.status } : {};

export function createListingStore(db: Database.Database, writeDelivery: DeliveryWriter): ListingStore {
  const listings = createVersionedTable<ListingRow, Listing, LagKind>(db, {
    table: 'listings',
    visible: 'deleted_at IS NULL',
    lagColumns: { indexed: 'indexed_version', matched: 'matched_version' },
    fromRow: listingFromRow,
  });

  function findListing(id: string): Listing {
    const listing = listings.findById(id);
    if (!listing) throw notFound('Listing');
    return listing;
  }

  function insertListing(input: NewListing): string {
    const at = now();
    const id = randomUUID();
    db.prepare(
      `INSERT INTO listings (id, owner_id, company_id, company, status, data, version, source, source_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ).run(
      id,
      input.ownerId,
      input.companyId,
      input.company,
      input.status ?? 'open',
      dataColumn(input),
      input.source?.source ?? null,
      input.source?.sourceId ?? null,
      at,
      at,
    );
    return id;
  }

  return {
    async create(input) {
      try {
        return findListing(insertListing(input));
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict('A listing with this source id exists', [{ path: '/source', message: 'duplicate' }]);
        throw error;
      }
    },
    async findById(id) {
      return listings.findById(id);
    },
    async findManyByIds(ids) {
      return listings.findManyByIds(ids);
    },
    async update(id, patch, expectedVersion, delivery) {
      return writeTransaction(db, () => {
        const current = findListing(id);
        const next: Listing = {
          ...current,
          ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
        };
        listings.writeNextVersion(current, { status: next.status, data: dataColumn(next) }, expectedVersion);
        writeDelivery(delivery);
        return findListing(id);
      })();
    },
    async delete(id) {
      return writeTransaction(db, () => {
        const current = listings.findById(id);
        if (!current) return false;
        listings.writeNextVersion(current, { deleted_at: now() });
        return true;
      })();
    },
    async listByCompany(companyId, page) {
      return pageOf<ListingRow, Listing>(
        db,
        'SELECT * FROM listings WHERE company_id = ? AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC',
        'SELECT COUNT(*) AS n FROM listings WHERE company_id = ? AND deleted_at IS NULL',
        [companyId],
        page,
        listingFromRow,
      );
    },
    async upsertBySource(input) {
      const { entity, outcome } = listings.upsertBySource(input.source, {
        insert: () => insertListing(input),
        unchanged: (row) => {
          const current = listingFromRow(row);
          return (
            dataColumn(current) === dataColumn(input) &&
            (input.status ?? current.status) === current.status &&
            current.deletedAt === null
          );
        },
        // Owner and company stay as first imported; a deleted listing imported again comes back.
        changes: (row) => ({ status: input.status ?? row.status, data: dataColumn(input), deleted_at: null }),
      });
      return { listing: entity, outcome };
    },
    async findLagging(kind, limit) {
      return listings.findLagging(kind, limit);
    },
    async resetProcessed(kind) {
      return listings.resetProcessed(kind);
    },
    async markProcessed(kind, id, version) {
      listings.markProcessed(kind, id, version);
    },
    async purgeDeleted() {
      return db
        .prepare(
          'DELETE FROM listings WHERE deleted_at IS NOT NULL AND indexed_version >= version AND matched_version >= version',
        )
        .run().changes;
    },
    scan(batchSize, filter) {
      return listings.scan(batchSize, byStatus(filter));
    },
    async count(filter) {
      return listings.count(byStatus(filter));
    },
  };
}
