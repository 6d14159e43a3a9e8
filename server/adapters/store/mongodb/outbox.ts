import type { OutboxEmail, OutboxStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { AFTER, iso, isoOrNull } from './mapping.ts';
import { pageOf } from './pages.ts';
import * as q from './queries/index.ts';
import type { OutboxEmailDoc } from './schemas/outbox.ts';

export function outboxEmailFromDoc(doc: OutboxEmailDoc): OutboxEmail {
  return {
    id: doc._id,
    userId: doc.userId,
    kind: doc.kind,
    to: doc.to,
    subject: doc.subject,
    text: doc.text,
    html: doc.html,
    headers: JSON.parse(doc.headers) as Record<string, string>,
    status: doc.status,
    attempts: doc.attempts,
    lastError: doc.lastError ?? null,
    messageId: doc.messageId,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
    sentAt: isoOrNull(doc.sentAt),
  };
}

/** Emails are written by deliveries (`deliveries.ts`); this is the send jobs' and the admin's side. */
export function createOutboxStore(run: MongoRun): OutboxStore {
  return {
    findById: (id) =>
      run('email', async (models) => {
        const doc = await models.outboxEmails.findOne(q.byId(id)).lean<OutboxEmailDoc>();
        return doc ? outboxEmailFromDoc(doc) : null;
      }),
    claim: (id, staleBefore) =>
      run('email', async (models) => {
        const { filter, update } = q.emailClaim(id, staleBefore, new Date());
        const doc = await models.outboxEmails.findOneAndUpdate(filter, update, AFTER).lean<OutboxEmailDoc>();
        return doc ? outboxEmailFromDoc(doc) : null;
      }),
    markDone: (id, status) =>
      run('email', async (models) => {
        const { filter, update } = q.emailDone(id, status, new Date());
        await models.outboxEmails.updateOne(filter, update);
      }),
    release: (id, error) =>
      run('email', async (models) => {
        const { filter, update } = q.emailRelease(id, error, new Date());
        await models.outboxEmails.updateOne(filter, update);
      }),
    findUnsent: (staleBefore, limit) =>
      run('email', async (models) => {
        const query = q.unsentEmails(staleBefore, limit);
        const docs = await models.outboxEmails
          .find(query.filter)
          .sort(query.sort)
          .limit(query.limit)
          .lean<OutboxEmailDoc[]>();
        return docs.map(outboxEmailFromDoc);
      }),
    list: (page, filter) =>
      run('email', (models) => pageOf(models.outboxEmails, q.outboxPage(page, filter), outboxEmailFromDoc)),
  };
}
