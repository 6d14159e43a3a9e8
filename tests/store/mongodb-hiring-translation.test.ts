import mongoose from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../server/errors.ts';
import * as q from '../../server/adapters/store/mongodb/queries/index.ts';
import {
  applicationFromDoc,
  applicationSchema,
  createStoreConnection,
  duplicateKeyField,
  invitationFromDoc,
  invitationSchema,
  notificationFromDoc,
  notificationSchema,
  outboxEmailFromDoc,
  outboxEmailSchema,
  savedListingFromDoc,
  savedListingSchema,
  withDelivery,
} from '../../server/adapters/store/mongodb/index.ts';
import type { Delivery } from '../../server/adapters/store/port.ts';
import {
  applicationSnapshot,
  deliveryOf,
  newApplication,
  newEmail,
  newInvitation,
  newNotification,
} from '../helpers/factories.ts';
import { caught, duplicateKeyError, invalidPaths, plain } from '../helpers/mongoose.ts';

// The MongoDB side of the hiring loop, proved without a server: the contract suite needs one.

/** The adapter's connection, never opened: mongoose validates and casts without a server. */
const { models } = createStoreConnection();
const NOW = new Date('2026-03-01T12:00:00.000Z');
const AT = NOW.toISOString();
const HOSTILE = { $ne: '' } as unknown as string;
const PAGE = { page: 2, limit: 10 };
const fixedIds = () => {
  let n = 0;
  return { id: () => `id-${++n}`, messageId: () => `<m-${n}@backboard>` };
};

describe('MongoDB hiring schemas validate documents', () => {
  it('accepts an application built from port input, and refuses bad fields by path', async () => {
    expect(
      await invalidPaths(new models.applications(q.newApplicationDoc(newApplication(), 'a1', NOW))),
    ).toEqual([]);
    const doc = q.newApplicationDoc(
      newApplication({
        note: 'x'.repeat(2_001),
        snapshot: applicationSnapshot(120),
        contact: { name: '', email: 'cara@example.com' },
      }),
      'a1',
      NOW,
    );
    const bad = new models.applications({
      ...doc,
      stage: 'ghosted',
      timeline: [{ stage: 'applied', at: NOW, by: 'recruiter' }],
      companyNotes: [{ text: '', at: NOW, authorId: 'r1' }],
    });
    expect(await invalidPaths(bad)).toEqual([
      'companyNotes.0.text',
      'contact.name',
      'note',
      'score',
      'stage',
      'timeline.0.by',
    ]);
  });

  it('accepts invitations, saved postings, notifications and emails, and refuses bad ones', async () => {
    expect(
      await invalidPaths(new models.invitations(q.newInvitationDoc(newInvitation(), 'i1', NOW))),
    ).toEqual([]);
    expect(
      await invalidPaths(
        new models.savedListings({ _id: 's1', userId: 'u1', listingId: 'L1', savedAt: NOW }),
      ),
    ).toEqual([]);
    const { notifications, emails } = q.deliveryDocs(deliveryOf('k1'), NOW, fixedIds());
    expect(await invalidPaths(new models.notifications(notifications[0]))).toEqual([]);
    expect(await invalidPaths(new models.outboxEmails(emails[0]))).toEqual([]);
    const badNotification = q.newNotificationDoc(
      newNotification({ kind: 'poke' as never, link: '' }),
      'n1',
      NOW,
    );
    expect(await invalidPaths(new models.notifications(badNotification))).toEqual(['kind', 'link']);
    const badEmail = {
      ...q.newEmailDoc(newEmail({ to: 'not an email' }), 'e1', '<m@b>', NOW),
      status: 'lost',
    };
    expect(await invalidPaths(new models.outboxEmails(badEmail))).toEqual(['status', 'to']);
  });

  it('refuses fields outside the schema instead of dropping them', () => {
    for (const model of [models.applications, models.notifications, models.outboxEmails]) {
      expect(caught(() => new model({ _id: 'x', $where: 'sleep(1000)' }))).toBeInstanceOf(
        mongoose.Error.StrictModeError,
      );
    }
  });
});

describe('MongoDB hiring index definitions', () => {
  const keysOf = (schema: mongoose.Schema) => schema.indexes().map(([keys, options]) => ({ keys, options }));

  it('keeps one application per candidate and listing, and ranks by score, whole or by stage', () => {
    expect(keysOf(applicationSchema)).toEqual([
      { keys: { listingId: 1, candidateId: 1 }, options: { unique: true } },
      { keys: { candidateId: 1, createdAt: -1, _id: -1 }, options: {} },
      { keys: { listingId: 1, score: -1, createdAt: 1, _id: 1 }, options: {} },
      { keys: { listingId: 1, stage: 1, score: -1, createdAt: 1, _id: 1 }, options: {} },
    ]);
  });

  it('keeps one invitation per profile and listing, one saved posting per user and listing', () => {
    expect(keysOf(invitationSchema)).toEqual([
      { keys: { listingId: 1, profileId: 1 }, options: { unique: true } },
    ]);
    expect(keysOf(savedListingSchema)).toEqual([
      { keys: { userId: 1, listingId: 1 }, options: { unique: true } },
      { keys: { userId: 1, savedAt: -1, listingId: -1 }, options: {} },
    ]);
  });

  it('keeps each notification and email once by its dedupe key, indexed for every list', () => {
    expect(keysOf(notificationSchema)).toEqual([
      { keys: { dedupeKey: 1 }, options: { unique: true } },
      { keys: { userId: 1, createdAt: -1, _id: -1 }, options: {} },
      { keys: { userId: 1, readAt: 1 }, options: {} },
    ]);
    expect(keysOf(outboxEmailSchema)).toEqual([
      { keys: { dedupeKey: 1 }, options: { unique: true } },
      { keys: { createdAt: -1, _id: -1 }, options: {} },
      { keys: { status: 1, createdAt: 1, _id: 1 }, options: {} },
    ]);
  });

  it('asks for majority write concern outside transactions only where deliveries never write', () => {
    expect(applicationSchema.get('writeConcern')).toEqual({ w: 'majority' });
    expect(invitationSchema.get('writeConcern')).toEqual({ w: 'majority' });
    expect(notificationSchema.get('writeConcern')).toBeUndefined();
    expect(outboxEmailSchema.get('writeConcern')).toBeUndefined();
  });

  it('registers a model, so a collection is created at start-up, for each aggregate', () => {
    expect(Object.keys(models)).toEqual(
      expect.arrayContaining([
        'savedListings',
        'applications',
        'invitations',
        'notifications',
        'outboxEmails',
      ]),
    );
  });
});

describe('MongoDB hiring queries and updates', () => {
  it('saves a posting by upsert on its key, keeping the first savedAt', () => {
    expect(q.savedListingSave('u1', 'L1', 's1', NOW)).toEqual({
      filter: { userId: 'u1', listingId: 'L1' },
      update: { $setOnInsert: { _id: 's1', savedAt: NOW } },
    });
    expect(q.savedListingsOf('u1', PAGE)).toEqual({
      filter: { userId: 'u1' },
      sort: { savedAt: -1, listingId: -1 },
      skip: 10,
      limit: 10,
    });
    expect(plain(q.savedAmong('u1', ['L1', 'L2']))).toEqual({
      userId: 'u1',
      listingId: { $in: ['L1', 'L2'] },
    });
  });

  it('creates an application at stage applied, version 1, its snapshot as JSON text and its score beside it', () => {
    const doc = q.newApplicationDoc(newApplication(), 'a1', NOW);
    expect(doc).toMatchObject({
      _id: 'a1',
      stage: 'applied',
      score: 72,
      timeline: [{ stage: 'applied', at: NOW, by: 'candidate' }],
      companyNotes: [],
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(JSON.parse(doc.snapshot)).toEqual(applicationSnapshot());
  });

  it('lists applications newest first per candidate, best first per listing, unscored last', () => {
    expect(q.applicationsOfCandidate('c1', PAGE)).toEqual({
      filter: { candidateId: 'c1' },
      sort: { createdAt: -1, _id: -1 },
      skip: 10,
      limit: 10,
    });
    expect(q.applicationsOfListing('L1', {}, PAGE)).toEqual({
      filter: { listingId: 'L1' },
      sort: { score: -1, createdAt: 1, _id: 1 },
      skip: 10,
      limit: 10,
    });
    expect(q.applicationsOfListing('L1', { stage: 'offer' }, PAGE).filter).toEqual({
      listingId: 'L1',
      stage: 'offer',
    });
    expect(plain(q.applicationsAmong('c1', ['L1']))).toEqual({
      candidateId: 'c1',
      listingId: { $in: ['L1'] },
    });
    expect(plain(q.openApplicationsOf('L1'))).toEqual({
      filter: { listingId: 'L1', stage: { $in: ['applied', 'in-review', 'interviewing', 'offer'] } },
      sort: { createdAt: 1, _id: 1 },
    });
  });

  it('counts applications per listing and stage in one aggregation', () => {
    expect(q.applicationStageCounts(['L1', 'L2', 'L1'])).toEqual([
      { $match: { listingId: { $in: ['L1', 'L2'] } } },
      { $group: { _id: { listingId: '$listingId', stage: '$stage' }, n: { $sum: 1 } } },
    ]);
  });

  it('updates an application in one atomic write: stage, timeline, note, version', () => {
    const change = {
      stage: { to: 'interviewing' as const, by: 'company' as const },
      companyNote: { text: 'Call on Monday', authorId: 'r1' },
    };
    expect(q.applicationUpdate('a1', change, NOW, 3)).toEqual({
      filter: { _id: 'a1', version: 3 },
      update: {
        $set: { stage: 'interviewing', updatedAt: NOW },
        $inc: { version: 1 },
        $push: {
          timeline: { stage: 'interviewing', at: NOW, by: 'company' },
          companyNotes: { text: 'Call on Monday', at: NOW, authorId: 'r1' },
        },
      },
    });
    expect(q.applicationUpdate('a1', {}, NOW)).toEqual({
      filter: { _id: 'a1' },
      update: { $set: { updatedAt: NOW }, $inc: { version: 1 } },
    });
  });

  it('finds invitations and notifications, and marks only the user’s own unread ones read', () => {
    expect(plain(q.invitationsAmong('L1', ['P1']))).toEqual({ listingId: 'L1', profileId: { $in: ['P1'] } });
    expect(q.notificationsOf('u1', PAGE)).toEqual({
      filter: { userId: 'u1' },
      sort: { createdAt: -1, _id: -1 },
      skip: 10,
      limit: 10,
    });
    expect(q.unreadNotificationsOf('u1')).toEqual({ userId: 'u1', readAt: null });
    expect(q.notificationsMarkRead('u1', undefined, NOW)).toEqual({
      filter: { userId: 'u1', readAt: null },
      update: { $set: { readAt: NOW } },
    });
    expect(plain(q.notificationsMarkRead('u1', ['n1', 'n2'], NOW).filter)).toEqual({
      userId: 'u1',
      readAt: null,
      _id: { $in: ['n1', 'n2'] },
    });
  });

  it('claims a pending email, or one whose attempt went stale, in one conditional update', () => {
    const claimable = { $or: [{ status: 'pending' }, { status: 'sending', updatedAt: { $lt: NOW } }] };
    expect(plain(q.emailClaim('e1', AT, new Date(0)))).toEqual({
      filter: { _id: 'e1', ...claimable },
      update: { $set: { status: 'sending', updatedAt: new Date(0) }, $inc: { attempts: 1 } },
    });
    expect(plain(q.unsentEmails(AT, 20))).toEqual({
      filter: claimable,
      sort: { createdAt: 1, _id: 1 },
      limit: 20,
    });
    expect(plain(mongoose.sanitizeFilter(q.emailClaim('e1', AT, NOW).filter))).toEqual({
      _id: 'e1',
      ...claimable,
    });
  });

  it('records an attempt’s outcome only on an email that attempt holds', () => {
    expect(q.emailDone('e1', 'sent', NOW)).toEqual({
      filter: { _id: 'e1', status: 'sending' },
      update: { $set: { status: 'sent', sentAt: NOW, updatedAt: NOW } },
    });
    expect(q.emailDone('e1', 'kept', NOW).update).toEqual({
      $set: { status: 'kept', sentAt: null, updatedAt: NOW },
    });
    expect(q.emailRelease('e1', 'connection refused', NOW)).toEqual({
      filter: { _id: 'e1', status: 'sending' },
      update: { $set: { status: 'pending', lastError: 'connection refused', updatedAt: NOW } },
    });
    expect(q.outboxPage(PAGE, { status: 'sent' })).toEqual({
      filter: { status: 'sent' },
      sort: { createdAt: -1, _id: -1 },
      skip: 10,
      limit: 10,
    });
    expect(q.outboxPage(PAGE).filter).toEqual({});
  });

  it('turns a delivery into documents, each inserted once by its dedupe key', () => {
    const { notifications, emails } = q.deliveryDocs(deliveryOf('k1', 'u1'), NOW, fixedIds());
    expect(notifications).toEqual([
      {
        ...newNotification({ userId: 'u1', title: 'k1', dedupeKey: 'k1' }),
        _id: 'id-1',
        readAt: null,
        createdAt: NOW,
      },
    ]);
    expect(emails[0]).toMatchObject({
      _id: 'id-2',
      messageId: '<m-2@backboard>',
      status: 'pending',
      attempts: 0,
      lastError: null,
      sentAt: null,
      headers: JSON.stringify(newEmail().headers),
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(q.insertOnceByDedupeKey(notifications[0]!)).toEqual({
      updateOne: { filter: { dedupeKey: 'k1' }, update: { $setOnInsert: notifications[0] }, upsert: true },
    });
  });
});

describe('MongoDB hiring queries refuse operator objects from input', () => {
  it('answers bad_request wherever an id, a stage, a status or a timestamp belongs', () => {
    for (const attempt of [
      () => q.savedListingKey(HOSTILE, 'L1'),
      () => q.savedAmong('u1', ['L1', HOSTILE]),
      () => q.applicationsOfCandidate(HOSTILE, PAGE),
      () => q.applicationsOfListing('L1', { stage: HOSTILE as never }, PAGE),
      () => q.applicationsAmong('c1', HOSTILE),
      () => q.applicationStageCounts([HOSTILE]),
      () => q.openApplicationsOf({ $gt: '' }),
      () => q.applicationUpdate(HOSTILE, {}, NOW),
      () => q.applicationUpdate('a1', {}, NOW, { $gt: 0 } as never),
      () => q.applicationUpdate('a1', { stage: { to: HOSTILE as never, by: 'company' } }, NOW),
      () => q.applicationUpdate('a1', { stage: { to: 'offer', by: HOSTILE as never } }, NOW),
      () => q.applicationUpdate('a1', { companyNote: { text: 'x', authorId: HOSTILE } }, NOW),
      () => q.newApplicationDoc(newApplication({ candidateId: HOSTILE }), 'a1', NOW),
      () => q.invitationsAmong('L1', [HOSTILE]),
      () => q.unreadNotificationsOf(HOSTILE),
      () => q.notificationsMarkRead('u1', [HOSTILE], NOW),
      () => q.emailClaim(HOSTILE, AT, NOW),
      () => q.emailClaim('e1', { $gt: '' }, NOW),
      () => q.unsentEmails('not a date', 10),
      () => q.emailDone('e1', 'pending', NOW),
      () => q.outboxPage(PAGE, { status: HOSTILE as never }),
      () => q.newNotificationDoc(newNotification({ dedupeKey: HOSTILE }), 'n1', NOW),
    ]) {
      const error = caught(attempt);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'bad_request' });
    }
  });
});

describe('MongoDB hiring documents as port entities', () => {
  it('maps applications, invitations and saved postings: _id to id, Dates to ISO strings', () => {
    const stored = new models.applications(q.newApplicationDoc(newApplication(), 'a1', NOW)).toObject();
    expect(applicationFromDoc(stored)).toEqual({
      ...newApplication(),
      id: 'a1',
      stage: 'applied',
      timeline: [{ stage: 'applied', at: AT, by: 'candidate' }],
      companyNotes: [],
      version: 1,
      createdAt: AT,
      updatedAt: AT,
    });
    const invitation = new models.invitations(q.newInvitationDoc(newInvitation(), 'i1', NOW)).toObject();
    expect(invitationFromDoc(invitation)).toEqual({ ...newInvitation(), id: 'i1', createdAt: AT });
    expect(savedListingFromDoc({ _id: 's1', userId: 'u1', listingId: 'L1', savedAt: NOW })).toEqual({
      userId: 'u1',
      listingId: 'L1',
      savedAt: AT,
    });
  });

  it('maps notifications and emails without their dedupe keys', () => {
    const { notifications, emails } = q.deliveryDocs(deliveryOf('k1'), NOW, fixedIds());
    const { dedupeKey: _n, ...notification } = deliveryOf('k1').notifications[0]!;
    expect(notificationFromDoc(new models.notifications(notifications[0]).toObject())).toEqual({
      ...notification,
      id: 'id-1',
      readAt: null,
      createdAt: AT,
    });
    const { dedupeKey: _e, ...email } = deliveryOf('k1').emails[0]!;
    expect(outboxEmailFromDoc(new models.outboxEmails(emails[0]).toObject())).toEqual({
      ...email,
      id: 'id-2',
      status: 'pending',
      attempts: 0,
      lastError: null,
      messageId: '<m-2@backboard>',
      createdAt: AT,
      updatedAt: AT,
      sentAt: null,
    });
  });

  it('names the unique key a duplicate application or invitation hit', () => {
    expect(duplicateKeyField(duplicateKeyError({ listingId: 1, candidateId: 1 }))).toBe('listingId');
    expect(duplicateKeyField(duplicateKeyError({ dedupeKey: 1 }))).toBe('dedupeKey');
  });
});

describe('MongoDB deliveries ride in the transaction of their write', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A connection whose transactions run the callback once, with a recognisable session. */
  function fakeConnection() {
    const session = { id: 'session-1' } as unknown as mongoose.ClientSession;
    const transaction = vi.fn(async (run: (s: mongoose.ClientSession) => Promise<unknown>) => run(session));
    return { session, transaction, connection: { transaction } as unknown as mongoose.Connection };
  }

  function recordedBulkWrites() {
    const writes: { model: string; ops: unknown[]; session: unknown }[] = [];
    for (const [name, model] of [
      ['notifications', models.notifications],
      ['outboxEmails', models.outboxEmails],
    ] as const) {
      vi.spyOn(model, 'bulkWrite').mockImplementation((async (
        ops: unknown[],
        options?: { session?: unknown },
      ) => {
        writes.push({ model: name, ops, session: options?.session });
      }) as never);
    }
    return writes;
  }

  it('runs the write, then upserts the delivery, in one transaction and session', async () => {
    const writes = recordedBulkWrites();
    const fake = fakeConnection();
    const order: string[] = [];
    const result = await withDelivery(models, fake.connection, deliveryOf('k1'), async (session) => {
      order.push(`write in ${session === fake.session ? 'the' : 'no'} transaction`);
      return 'written';
    });
    expect(result).toBe('written');
    expect(fake.transaction).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['write in the transaction']);
    expect(writes.map((write) => [write.model, write.ops.length, write.session === fake.session])).toEqual([
      ['notifications', 1, true],
      ['outboxEmails', 1, true],
    ]);
  });

  it('writes none of the delivery when the write throws, and refuses an invalid one before writing', async () => {
    const writes = recordedBulkWrites();
    const fake = fakeConnection();
    const stale = withDelivery(models, fake.connection, deliveryOf('k1'), async () => {
      throw new AppError('version_conflict', 'stale');
    });
    await expect(stale).rejects.toMatchObject({ code: 'version_conflict' });
    const invalid: Delivery = { notifications: [newNotification({ kind: 'poke' as never })], emails: [] };
    await expect(
      withDelivery(models, fake.connection, invalid, async () => 'written'),
    ).rejects.toBeInstanceOf(mongoose.Error.ValidationError);
    expect(writes).toEqual([]);
  });

  it('needs no transaction when there is nothing to deliver', async () => {
    const fake = fakeConnection();
    const empty = { notifications: [], emails: [] };
    expect(await withDelivery(models, fake.connection, empty, async (session) => session ?? 'none')).toBe(
      'none',
    );
    expect(await withDelivery(models, fake.connection, undefined, async () => 'written')).toBe('written');
    expect(fake.transaction).not.toHaveBeenCalled();
  });
});
