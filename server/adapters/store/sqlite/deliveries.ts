import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { newMessageId } from '../message-id.ts';
import type { Delivery } from '../port.ts';
import { now } from './rows.ts';

/** Writes a delivery's notifications and emails; run inside the transaction of the change causing it. */
export type DeliveryWriter = (delivery: Delivery | undefined) => void;

/**
 * Each notification and email is inserted once per dedupe key: a retried job writes the same delivery
 * again and adds nothing. Only the dedupe key's conflict is ignored; any other constraint still throws
 * and rolls the caller's transaction back.
 */
export function createDeliveryWriter(db: Database.Database): DeliveryWriter {
  const insertNotification = db.prepare(
    `INSERT INTO notifications (id, user_id, kind, title, body, link, dedupe_key, read_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );
  const insertEmail = db.prepare(
    `INSERT INTO outbox_emails (id, user_id, kind, recipient, subject, text_body, html_body, headers, status,
       attempts, last_error, message_id, dedupe_key, created_at, updated_at, sent_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, NULL, ?, ?, ?, ?, NULL)
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );

  return (delivery) => {
    if (!delivery) return;
    const at = now();
    for (const item of delivery.notifications) {
      insertNotification.run(
        randomUUID(),
        item.userId,
        item.kind,
        item.title,
        item.body,
        item.link,
        item.dedupeKey,
        at,
      );
    }
    for (const email of delivery.emails) {
      insertEmail.run(
        randomUUID(),
        email.userId,
        email.kind,
        email.to,
        email.subject,
        email.text,
        email.html,
        JSON.stringify(email.headers),
        newMessageId(),
        email.dedupeKey,
        at,
        at,
      );
    }
  };
}
