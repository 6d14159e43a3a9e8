import type { ClientSession, Connection, Model } from 'mongoose';
import { newMessageId } from '../message-id.ts';
import type { Delivery } from '../port.ts';
import { newId } from './mapping.ts';
import type { MongoModels } from './models.ts';
import * as q from './queries/index.ts';

const hasContent = (delivery: Delivery | undefined): delivery is Delivery =>
  delivery !== undefined && (delivery.notifications.length > 0 || delivery.emails.length > 0);

async function insertOnce<Doc extends { dedupeKey: string }>(
  model: Model<Doc>,
  docs: Doc[],
  session: ClientSession,
): Promise<void> {
  if (docs.length === 0) return;
  // An upsert validates only what it sets, and loosely: each document is validated whole first.
  await Promise.all(docs.map((doc) => new model(doc).validate()));
  await model.bulkWrite(docs.map(q.insertOnceByDedupeKey), { session, ordered: true });
}

/** Writes a delivery's notifications and emails, each once per dedupe key, in the caller's transaction. */
export async function writeDelivery(
  models: MongoModels,
  delivery: Delivery,
  session: ClientSession,
): Promise<void> {
  const docs = q.deliveryDocs(delivery, new Date(), { id: newId, messageId: newMessageId });
  await insertOnce(models.notifications, docs.notifications, session);
  await insertOnce(models.outboxEmails, docs.emails, session);
}

/**
 * Runs `write` and then writes `delivery`, in one transaction: when `write` throws (a conflict, a
 * stale version), the transaction aborts and none of the delivery is stored. Without anything to
 * deliver, `write` runs alone, outside any transaction.
 */
export async function withDelivery<T>(
  models: MongoModels,
  connection: Connection,
  delivery: Delivery | undefined,
  write: (session: ClientSession | undefined) => Promise<T>,
): Promise<T> {
  if (!hasContent(delivery)) return write(undefined);
  return connection.transaction(async (session) => {
    const result = await write(session);
    await writeDelivery(models, delivery, session);
    return result;
  });
}
