import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { isOpenStage } from '../../../domain/applications.ts';
import { conflict, notFound, versionConflict } from '../../../errors.ts';
import { APPLICATION_STAGES } from '../../../shared/vocabulary.ts';
import type { Application, ApplicationStage, ApplicationStore, CompanyNote, StageChange } from '../port.ts';
import type { DeliveryWriter } from './deliveries.ts';
import { isUniqueViolation, now, pageOf, placeholders } from './rows.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

interface ApplicationRow {
  id: string;
  listing_id: string;
  company_id: string;
  candidate_id: string;
  profile_id: string;
  stage: ApplicationStage;
  note: string;
  /** The snapshot as JSON; its score is also the `score` column, for the ranking index. */
  snapshot: string;
  score: number | null;
  contact_name: string;
  contact_email: string;
  /** JSON arrays, appended to by updates. */
  timeline: string;
  company_notes: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The one way a stored row becomes an Application. */
function applicationFromRow(row: ApplicationRow): Application {
  return {
    id: row.id,
    listingId: row.listing_id,
    companyId: row.company_id,
    candidateId: row.candidate_id,
    profileId: row.profile_id,
    stage: row.stage,
    note: row.note,
    snapshot: JSON.parse(row.snapshot) as Application['snapshot'],
    contact: { name: row.contact_name, email: row.contact_email },
    timeline: JSON.parse(row.timeline) as StageChange[],
    companyNotes: JSON.parse(row.company_notes) as CompanyNote[],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const OPEN_STAGES = APPLICATION_STAGES.filter(isOpenStage);

const alreadyApplied = () =>
  conflict('You already applied to this listing', [{ path: '/listingId', message: 'already applied' }]);

export function createApplicationStore(
  db: Database.Database,
  writeDelivery: DeliveryWriter,
): ApplicationStore {
  const byId = db.prepare<[string], ApplicationRow>('SELECT * FROM applications WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO applications (id, listing_id, company_id, candidate_id, profile_id, stage, note, snapshot, score,
       contact_name, contact_email, timeline, company_notes, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'applied', ?, ?, ?, ?, ?, ?, '[]', 1, ?, ?)`,
  );
  const rewrite = db.prepare(
    `UPDATE applications SET stage = ?, timeline = ?, company_notes = ?, version = version + 1, updated_at = ?
     WHERE id = ?`,
  );

  return {
    async create(input, delivery) {
      const id = randomUUID();
      const at = now();
      const timeline: StageChange[] = [{ stage: 'applied', at, by: 'candidate' }];
      try {
        writeTransaction(db, () => {
          insert.run(
            id,
            input.listingId,
            input.companyId,
            input.candidateId,
            input.profileId,
            input.note,
            JSON.stringify(input.snapshot),
            input.snapshot.score,
            input.contact.name,
            input.contact.email,
            JSON.stringify(timeline),
            at,
            at,
          );
          writeDelivery(delivery);
        })();
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyApplied();
        throw error;
      }
      return applicationFromRow(byId.get(id)!);
    },
    async findById(id) {
      const row = byId.get(id);
      return row ? applicationFromRow(row) : null;
    },
    async listByCandidate(candidateId, page) {
      return pageOf<ApplicationRow, Application>(
        db,
        'SELECT * FROM applications WHERE candidate_id = ? ORDER BY created_at DESC, id DESC',
        'SELECT COUNT(*) AS n FROM applications WHERE candidate_id = ?',
        [candidateId],
        page,
        applicationFromRow,
      );
    },
    async listByListing(listingId, filter, page) {
      const where = filter.stage === undefined ? 'listing_id = ?' : 'listing_id = ? AND stage = ?';
      const params = filter.stage === undefined ? [listingId] : [listingId, filter.stage];
      // SQLite sorts NULL below every number, so unscored applications come last in DESC order.
      return pageOf<ApplicationRow, Application>(
        db,
        `SELECT * FROM applications WHERE ${where} ORDER BY score DESC, created_at, id`,
        `SELECT COUNT(*) AS n FROM applications WHERE ${where}`,
        params,
        page,
        applicationFromRow,
      );
    },
    async appliedAmong(candidateId, listingIds) {
      if (listingIds.length === 0) return new Map();
      const rows = db
        .prepare<unknown[], ApplicationRow>(
          `SELECT * FROM applications WHERE candidate_id = ? AND listing_id IN (${placeholders(listingIds.length)})`,
        )
        .all(candidateId, ...listingIds);
      return new Map(rows.map((row) => [row.listing_id, applicationFromRow(row)]));
    },
    async countsByStage(listingIds) {
      const counts = new Map<string, Partial<Record<ApplicationStage, number>>>();
      if (listingIds.length === 0) return counts;
      const rows = db
        .prepare<unknown[], { listing_id: string; stage: ApplicationStage; n: number }>(
          `SELECT listing_id, stage, COUNT(*) AS n FROM applications
           WHERE listing_id IN (${placeholders(listingIds.length)}) GROUP BY listing_id, stage`,
        )
        .all(...listingIds);
      for (const row of rows)
        counts.set(row.listing_id, { ...counts.get(row.listing_id), [row.stage]: row.n });
      return counts;
    },
    async openForListing(listingId) {
      const rows = db
        .prepare<unknown[], ApplicationRow>(
          `SELECT * FROM applications WHERE listing_id = ? AND stage IN (${placeholders(OPEN_STAGES.length)})
           ORDER BY created_at, id`,
        )
        .all(listingId, ...OPEN_STAGES);
      return rows.map(applicationFromRow);
    },
    async update(id, change, expectedVersion, delivery) {
      return writeTransaction(db, () => {
        const row = byId.get(id);
        if (!row) throw notFound('Application');
        if (expectedVersion !== undefined && expectedVersion !== row.version) {
          throw versionConflict(expectedVersion, row.version);
        }
        const current = applicationFromRow(row);
        const at = now();
        const timeline = change.stage
          ? [...current.timeline, { stage: change.stage.to, at, by: change.stage.by }]
          : current.timeline;
        const companyNotes = change.companyNote
          ? [
              ...current.companyNotes,
              { text: change.companyNote.text, at, authorId: change.companyNote.authorId },
            ]
          : current.companyNotes;
        rewrite.run(
          change.stage?.to ?? current.stage,
          JSON.stringify(timeline),
          JSON.stringify(companyNotes),
          at,
          id,
        );
        writeDelivery(delivery);
        return applicationFromRow(byId.get(id)!);
      })();
    },
  };
}
