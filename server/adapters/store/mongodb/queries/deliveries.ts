import type { Delivery, NewEmail, NewNotification } from '../../port.ts';
import type { OutboxEmailDoc } from '../schemas/outbox.ts';
import type { NotificationDoc } from '../schemas/notifications.ts';
import { asKey, type Filter } from './checked-input.ts';

/** Where a delivery's fresh ids and Message-IDs come from (the adapter's generators; fixed ones in tests). */
export interface DeliveryIds {
  id(): string;
  messageId(): string;
}

export function newNotificationDoc(input: NewNotification, id: string, now: Date): NotificationDoc {
  return {
    _id: id,
    userId: asKey(input.userId, 'userId'),
    kind: input.kind,
    title: input.title,
    body: input.body,
    link: input.link,
    dedupeKey: asKey(input.dedupeKey, 'dedupeKey'),
    readAt: null,
    createdAt: now,
  };
}

export function newEmailDoc(input: NewEmail, id: string, messageId: string, now: Date): OutboxEmailDoc {
  return {
    _id: id,
    userId: asKey(input.userId, 'userId'),
    kind: input.kind,
    to: input.to,
    subject: input.subject,
    text: input.text,
    html: input.html,
    headers: JSON.stringify(input.headers),
    status: 'pending',
    attempts: 0,
    lastError: null,
    messageId,
    dedupeKey: asKey(input.dedupeKey, 'dedupeKey'),
    createdAt: now,
    updatedAt: now,
    sentAt: null,
  };
}

export function deliveryDocs(
  delivery: Delivery,
  now: Date,
  ids: DeliveryIds,
): { notifications: NotificationDoc[]; emails: OutboxEmailDoc[] } {
  return {
    notifications: delivery.notifications.map((item) => newNotificationDoc(item, ids.id(), now)),
    emails: delivery.emails.map((email) => newEmailDoc(email, ids.id(), ids.messageId(), now)),
  };
}

/**
 * An upsert on the unique dedupe key that only ever inserts: a key already stored (by an earlier
 * delivery, or earlier in this one) matches and nothing changes. Unlike an insert that fails on the
 * duplicate, it leaves the surrounding transaction alive.
 */
export function insertOnceByDedupeKey<Doc extends { dedupeKey: string }>(
  doc: Doc,
): { updateOne: { filter: Filter; update: { $setOnInsert: Doc }; upsert: true } } {
  return { updateOne: { filter: { dedupeKey: doc.dedupeKey }, update: { $setOnInsert: doc }, upsert: true } };
}
