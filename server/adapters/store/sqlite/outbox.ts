import type Database from 'better-sqlite3';
import type { EmailKind } from '../../../shared/vocabulary.ts';
import type { EmailStatus, OutboxEmail, OutboxStore } from '../port.ts';
import { now, pageOf } from './rows.ts';

interface EmailRow {
  id: string;
  user_id: string;
  kind: EmailKind;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON object of header name → value. */
  headers: string;
  status: EmailStatus;
  attempts: number;
  last_error: string | null;
  message_id: string;
  dedupe_key: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

const emailFromRow = (row: EmailRow): OutboxEmail => ({
  id: row.id,
  userId: row.user_id,
  kind: row.kind,
  to: row.recipient,
  subject: row.subject,
  text: row.text_body,
  html: row.html_body,
  headers: JSON.parse(row.headers) as Record<string, string>,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  messageId: row.message_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  sentAt: row.sent_at,
});

/** Stored timestamps are `toISOString()` text, so a bound is normalised before they are compared as text. */
const isoText = (at: string): string => new Date(at).toISOString();

/**
 * Claimable: waiting, or held by an attempt that began (its `updated_at`) before `staleBefore` and
 * is presumed dead. Binds one parameter, `staleBefore`.
 */
const CLAIMABLE = "(status = 'pending' OR (status = 'sending' AND updated_at < ?))";

/** Emails are written by deliveries (`deliveries.ts`); this is the send jobs' and the admin's side. */
export function createOutboxStore(db: Database.Database): OutboxStore {
  const byId = db.prepare<[string], EmailRow>('SELECT * FROM outbox_emails WHERE id = ?');
  // One statement, so two attempts racing for the email cannot both take it.
  const claim = db.prepare<[string, string, string], EmailRow>(
    `UPDATE outbox_emails SET status = 'sending', attempts = attempts + 1, updated_at = ?
     WHERE id = ? AND ${CLAIMABLE} RETURNING *`,
  );
  // Only an email an attempt holds: a late outcome of a dead attempt never moves a sent email back.
  const finish = db.prepare(
    "UPDATE outbox_emails SET status = ?, sent_at = ?, updated_at = ? WHERE id = ? AND status = 'sending'",
  );
  const giveBack = db.prepare(
    `UPDATE outbox_emails SET status = 'pending', last_error = ?, updated_at = ?
     WHERE id = ? AND status = 'sending'`,
  );

  return {
    async findById(id) {
      const row = byId.get(id);
      return row ? emailFromRow(row) : null;
    },
    async claim(id, staleBefore) {
      const row = claim.get(now(), id, isoText(staleBefore));
      return row ? emailFromRow(row) : null;
    },
    async markDone(id, status) {
      const at = now();
      finish.run(status, status === 'sent' ? at : null, at, id);
    },
    async release(id, error) {
      giveBack.run(error, now(), id);
    },
    async findUnsent(staleBefore, limit) {
      const rows = db
        .prepare<[string, number], EmailRow>(
          `SELECT * FROM outbox_emails WHERE ${CLAIMABLE} ORDER BY created_at, id LIMIT ?`,
        )
        .all(isoText(staleBefore), limit);
      return rows.map(emailFromRow);
    },
    async list(page, filter) {
      const where = filter?.status === undefined ? '' : 'WHERE status = ?';
      return pageOf<EmailRow, OutboxEmail>(
        db,
        `SELECT * FROM outbox_emails ${where} ORDER BY created_at DESC, id DESC`,
        `SELECT COUNT(*) AS n FROM outbox_emails ${where}`,
        filter?.status === undefined ? [] : [filter.status],
        page,
        emailFromRow,
      );
    },
  };
}
