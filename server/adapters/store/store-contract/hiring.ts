import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applicationSnapshot,
  deliveryOf,
  newApplication,
  newEmail,
  newInvitation,
  newListing,
  newNotification,
} from '../../../../tests/helpers/factories.ts';
import type {
  Application,
  ApplicationChange,
  ApplicationStage,
  NewApplication,
  StageActor,
  Store,
} from '../port.ts';

/** Consecutive writes get distinct timestamps (they have millisecond resolution). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const page = (number = 1, limit = 50) => ({ page: number, limit });
const minuteAgo = () => new Date(Date.now() - 60_000).toISOString();
const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const moveTo = (to: ApplicationStage, by: StageActor = 'company'): ApplicationChange => ({
  stage: { to, by },
});
const OWNER = { ownerId: 'recruiter-1', companyId: 'company-1', company: 'Acme Payments' };

/**
 * The hiring loop's aggregates: saved postings, applications, invitations, notifications, the email
 * outbox, and deliveries written atomically with the change that causes them. Registered by
 * `describeStoreContract`; each case gets a fresh, empty store and closes it.
 */
export function describeHiringStoreContract(makeStore: () => Promise<Store>): void {
  describe('hiring loop', () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Applications created one after another, so each is newer than the one before. */
    async function applyInTurn(inputs: Partial<NewApplication>[]): Promise<Application[]> {
      const created = [];
      for (const input of inputs) {
        created.push(await store.applications.create(newApplication(input)));
        await tick();
      }
      return created;
    }

    /** The keys of what reached the user: notification titles and email subjects, sorted. */
    async function delivered(userId = 'user-1') {
      const notifications = (await store.notifications.list(userId, page())).items.map((n) => n.title);
      const emails = (await store.outbox.list(page())).items
        .filter((email) => email.userId === userId)
        .map((email) => email.subject);
      return { notifications: notifications.sort(), emails: emails.sort() };
    }

    const ids = (items: { id: string }[]) => items.map((item) => item.id);

    describe('saved postings', () => {
      it('saves a posting once, keeping the first savedAt, and removes it', async () => {
        const first = await store.saved.save('user-1', 'L1');
        expect(first).toEqual({ userId: 'user-1', listingId: 'L1', savedAt: expect.any(String) });
        await tick();
        expect(await store.saved.save('user-1', 'L1')).toEqual(first);
        expect(await store.saved.remove('user-1', 'L1')).toBe(true);
        expect(await store.saved.remove('user-1', 'L1')).toBe(false);
        expect(await store.saved.list('user-1', page())).toEqual({ items: [], total: 0 });
      });

      it('lists saved postings newest first, paginated, and tells which of some postings are saved', async () => {
        for (const listingId of ['L1', 'L2', 'L3']) {
          await store.saved.save('user-1', listingId);
          await tick();
        }
        await store.saved.save('user-2', 'L1');
        const first = await store.saved.list('user-1', page(1, 2));
        expect(first.total).toBe(3);
        expect(first.items.map((saved) => saved.listingId)).toEqual(['L3', 'L2']);
        expect((await store.saved.list('user-1', page(2, 2))).items.map((s) => s.listingId)).toEqual(['L1']);
        const among = await store.saved.savedAmong('user-1', ['L1', 'L3', 'L9']);
        expect([...among.keys()].sort()).toEqual(['L1', 'L3']);
        expect(among.get('L3')).toBe(first.items[0]!.savedAt);
        expect((await store.saved.savedAmong('user-3', ['L1'])).size).toBe(0);
        expect((await store.saved.savedAmong('user-1', [])).size).toBe(0);
      });
    });

    describe('applications', () => {
      it('applies once, at stage applied and version 1 with its timeline begun; twice is a conflict', async () => {
        const application = await store.applications.create(newApplication());
        expect(application).toEqual({
          ...newApplication(),
          id: expect.any(String),
          stage: 'applied',
          timeline: [{ stage: 'applied', at: application.createdAt, by: 'candidate' }],
          companyNotes: [],
          version: 1,
          createdAt: expect.any(String),
          updatedAt: application.createdAt,
        });
        expect(await store.applications.findById(application.id)).toEqual(application);
        expect(await store.applications.findById('no-such-application')).toBeNull();
        await expect(store.applications.create(newApplication({ note: 'again' }))).rejects.toMatchObject({
          code: 'conflict',
        });
        // Once per candidate and listing: another candidate, or another listing, is a new application.
        await store.applications.create(newApplication({ candidateId: 'candidate-2', profileId: 'p2' }));
        await store.applications.create(newApplication({ listingId: 'listing-2' }));
        expect((await store.applications.listByCandidate('candidate-1', page())).total).toBe(2);
      });

      it('lists a candidate’s applications newest first, paginated', async () => {
        const [oldest, middle, newest] = await applyInTurn([
          { listingId: 'L1' },
          { listingId: 'L2' },
          { listingId: 'L3' },
        ]);
        await applyInTurn([{ listingId: 'L1', candidateId: 'candidate-2' }]);
        const first = await store.applications.listByCandidate('candidate-1', page(1, 2));
        expect(first.total).toBe(3);
        expect(ids(first.items)).toEqual(ids([newest!, middle!]));
        const second = await store.applications.listByCandidate('candidate-1', page(2, 2));
        expect(ids(second.items)).toEqual([oldest!.id]);
      });

      it('ranks a listing’s applicants by snapshot score, unscored last, then oldest, by stage and page', async () => {
        const [fair, best, unscored, tied] = await applyInTurn([
          { candidateId: 'c-fair', snapshot: applicationSnapshot(40) },
          { candidateId: 'c-best', snapshot: applicationSnapshot(90) },
          { candidateId: 'c-unscored', snapshot: applicationSnapshot(null) },
          { candidateId: 'c-tied', snapshot: applicationSnapshot(90) },
        ]);
        await applyInTurn([{ listingId: 'listing-2', snapshot: applicationSnapshot(99) }]);
        const all = await store.applications.listByListing('listing-1', {}, page());
        expect(all.total).toBe(4);
        expect(ids(all.items)).toEqual(ids([best!, tied!, fair!, unscored!]));
        expect(all.items[3]!.snapshot.score).toBeNull();
        const paged = await store.applications.listByListing('listing-1', {}, page(2, 3));
        expect(paged).toMatchObject({ total: 4, items: [{ id: unscored!.id }] });
        await store.applications.update(best!.id, moveTo('in-review'));
        const inReview = await store.applications.listByListing('listing-1', { stage: 'in-review' }, page());
        expect(inReview).toMatchObject({ total: 1, items: [{ id: best!.id, stage: 'in-review' }] });
        const applied = await store.applications.listByListing('listing-1', { stage: 'applied' }, page(1, 2));
        expect(applied.total).toBe(3);
        expect(ids(applied.items)).toEqual(ids([tied!, fair!]));
        expect((await store.applications.listByListing('listing-3', {}, page())).total).toBe(0);
      });

      it('tells which listings a candidate applied to and counts each listing’s applications by stage', async () => {
        const [first, , third] = await applyInTurn([
          { listingId: 'L1' },
          { listingId: 'L2' },
          { listingId: 'L1', candidateId: 'candidate-2' },
          { listingId: 'L1', candidateId: 'candidate-3' },
        ]);
        await store.applications.update(third!.id, moveTo('rejected'));
        const among = await store.applications.appliedAmong('candidate-1', ['L1', 'L3']);
        expect([...among.keys()]).toEqual(['L1']);
        expect(among.get('L1')).toEqual(first);
        expect((await store.applications.appliedAmong('candidate-1', [])).size).toBe(0);
        const counts = await store.applications.countsByStage(['L1', 'L2', 'L9']);
        // Stages and listings without applications are left out.
        expect(Object.fromEntries(counts)).toEqual({ L1: { applied: 2, rejected: 1 }, L2: { applied: 1 } });
        expect((await store.applications.countsByStage([])).size).toBe(0);
      });

      it('finds a listing’s applications in an open stage', async () => {
        const created = await applyInTurn(
          ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((candidateId) => ({ candidateId })),
        );
        for (const [index, to] of (['in-review', 'offer', 'hired', 'rejected'] as const).entries()) {
          await store.applications.update(created[index + 1]!.id, moveTo(to));
        }
        await store.applications.update(created[5]!.id, moveTo('withdrawn', 'candidate'));
        await applyInTurn([{ listingId: 'listing-2' }]);
        const open = await store.applications.openForListing('listing-1');
        expect(ids(open).sort()).toEqual(ids(created.slice(0, 3)).sort());
        expect(await store.applications.openForListing('listing-3')).toEqual([]);
      });

      it('records a stage change on the timeline and a note apart, bumps the version, refuses a stale one', async () => {
        const application = await store.applications.create(newApplication());
        await tick();
        const moved = await store.applications.update(application.id, moveTo('in-review'), 1);
        expect(moved).toMatchObject({ stage: 'in-review', version: 2, companyNotes: [] });
        expect(moved.timeline).toEqual([
          application.timeline[0],
          { stage: 'in-review', at: moved.updatedAt, by: 'company' },
        ]);
        expect(moved.updatedAt > application.updatedAt).toBe(true);
        const noted = await store.applications.update(application.id, {
          companyNote: { text: 'Strong Go answers', authorId: 'recruiter-1' },
        });
        expect(noted).toMatchObject({ stage: 'in-review', version: 3, timeline: moved.timeline });
        expect(noted.companyNotes).toEqual([
          { text: 'Strong Go answers', at: noted.updatedAt, authorId: 'recruiter-1' },
        ]);
        const both = await store.applications.update(
          application.id,
          {
            stage: { to: 'interviewing', by: 'company' },
            companyNote: { text: 'Call on Monday', authorId: 'recruiter-2' },
          },
          3,
        );
        expect(both).toMatchObject({ stage: 'interviewing', version: 4 });
        expect(both.timeline.map((change) => change.stage)).toEqual(['applied', 'in-review', 'interviewing']);
        expect(both.companyNotes.map((note) => note.authorId)).toEqual(['recruiter-1', 'recruiter-2']);
        const stale = store.applications.update(application.id, moveTo('hired'), 3);
        await expect(stale).rejects.toMatchObject({ code: 'version_conflict' });
        expect(await store.applications.findById(application.id)).toEqual(both);
        await expect(store.applications.update('no-such-application', moveTo('hired'))).rejects.toMatchObject(
          { code: 'not_found' },
        );
      });
    });

    describe('invitations', () => {
      it('invites a profile once per listing and tells which profiles are invited', async () => {
        const input = newInvitation();
        const invitation = await store.invitations.create(input);
        expect(invitation).toEqual({ ...input, id: expect.any(String), createdAt: expect.any(String) });
        await expect(store.invitations.create({ ...input, message: 'again' })).rejects.toMatchObject({
          code: 'conflict',
        });
        await store.invitations.create({ ...input, listingId: 'L2' });
        const among = await store.invitations.invitedAmong('L1', ['P1', 'P2']);
        expect([...among.keys()]).toEqual(['P1']);
        expect(among.get('P1')).toEqual(invitation);
        expect((await store.invitations.invitedAmong('L3', ['P1'])).size).toBe(0);
        expect((await store.invitations.invitedAmong('L1', [])).size).toBe(0);
      });
    });

    describe('notifications', () => {
      async function notify(count: number, userId = 'user-1') {
        for (let i = 0; i < count; i++) {
          await store.deliver({
            notifications: [newNotification({ userId, title: `n${i}`, dedupeKey: `${userId}:n${i}` })],
            emails: [],
          });
          await tick();
        }
        return (await store.notifications.list(userId, page())).items;
      }

      it('lists a user’s notifications newest first, paginated, with how many are unread', async () => {
        await notify(3);
        await notify(1, 'user-2');
        const first = await store.notifications.list('user-1', page(1, 2));
        expect(first.total).toBe(3);
        expect(first.items.map((n) => n.title)).toEqual(['n2', 'n1']);
        const { dedupeKey: _key, ...shown } = newNotification({ title: 'n2' });
        expect(first.items[0]).toEqual({
          ...shown,
          id: expect.any(String),
          readAt: null,
          createdAt: expect.any(String),
        });
        expect((await store.notifications.list('user-1', page(2, 2))).items.map((n) => n.title)).toEqual([
          'n0',
        ]);
        expect(await store.notifications.unreadCount('user-1')).toBe(3);
        expect(await store.notifications.unreadCount('user-3')).toBe(0);
      });

      it('marks some, then all, of the user’s own notifications read', async () => {
        const [, , oldest] = await notify(3);
        const [theirs] = await notify(1, 'user-2');
        expect(await store.notifications.markRead('user-1', [oldest!.id, theirs!.id])).toBe(1);
        expect(await store.notifications.markRead('user-1', [oldest!.id])).toBe(0);
        expect(await store.notifications.markRead('user-1', [])).toBe(0);
        expect(await store.notifications.unreadCount('user-1')).toBe(2);
        const read = (await store.notifications.list('user-1', page())).items.find(
          (n) => n.id === oldest!.id,
        );
        expect(read?.readAt).toEqual(expect.any(String));
        expect(await store.notifications.markRead('user-1')).toBe(2);
        expect(await store.notifications.unreadCount('user-1')).toBe(0);
        expect((await store.notifications.list('user-1', page())).items.every((n) => n.readAt)).toBe(true);
        expect(await store.notifications.unreadCount('user-2')).toBe(1);
      });
    });

    describe('email outbox', () => {
      /** Emails delivered one after another, oldest first. */
      async function queue(subjects: string[]) {
        for (const subject of subjects) {
          await store.deliver({ notifications: [], emails: [newEmail({ subject, dedupeKey: subject })] });
          await tick();
        }
        const { items } = await store.outbox.list(page());
        return subjects.map((subject) => items.find((email) => email.subject === subject)!);
      }

      it('keeps a delivered email pending, with a Message-ID of its own', async () => {
        const [first, second] = await queue(['e1', 'e2']);
        const { dedupeKey: _key, ...sent } = newEmail({ subject: 'e1' });
        expect(first).toEqual({
          ...sent,
          id: expect.any(String),
          status: 'pending',
          attempts: 0,
          lastError: null,
          messageId: expect.stringMatching(/^<.+@.+>$/),
          createdAt: expect.any(String),
          updatedAt: first!.createdAt,
          sentAt: null,
        });
        expect(second!.messageId).not.toBe(first!.messageId);
        expect(await store.outbox.findById(first!.id)).toEqual(first);
        expect(await store.outbox.findById('no-such-email')).toBeNull();
      });

      it('lets one attempt hold an email until it is released, goes stale or is done', async () => {
        const [email] = await queue(['e1']);
        const claimed = await store.outbox.claim(email!.id, minuteAgo());
        expect(claimed).toMatchObject({ status: 'sending', attempts: 1, messageId: email!.messageId });
        expect(await store.outbox.claim(email!.id, minuteAgo())).toBeNull();
        await store.outbox.release(email!.id, 'connection refused');
        expect(await store.outbox.findById(email!.id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          lastError: 'connection refused',
        });
        expect(await store.outbox.claim(email!.id, minuteAgo())).toMatchObject({ attempts: 2 });
        // An attempt that began before `staleBefore` is presumed dead: the email may be taken again.
        expect(await store.outbox.claim(email!.id, inAMinute())).toMatchObject({
          status: 'sending',
          attempts: 3,
        });
        await store.outbox.markDone(email!.id, 'sent');
        const sent = await store.outbox.findById(email!.id);
        expect(sent).toMatchObject({ status: 'sent', attempts: 3, messageId: email!.messageId });
        expect(sent?.sentAt).toEqual(expect.any(String));
        expect(await store.outbox.claim(email!.id, inAMinute())).toBeNull();
        // A late failure of a dead attempt does not put a sent email back in the queue.
        await store.outbox.release(email!.id, 'late timeout');
        expect(await store.outbox.findById(email!.id)).toEqual(sent);
      });

      it('keeps an email when there is no mail server, and never claims it again', async () => {
        const [email] = await queue(['e1']);
        await store.outbox.claim(email!.id, minuteAgo());
        await store.outbox.markDone(email!.id, 'kept');
        expect(await store.outbox.findById(email!.id)).toMatchObject({ status: 'kept', sentAt: null });
        expect(await store.outbox.claim(email!.id, inAMinute())).toBeNull();
        expect(await store.outbox.claim('no-such-email', inAMinute())).toBeNull();
      });

      it('finds unsent emails (pending, or held by a stale attempt) oldest first, and lists by status', async () => {
        const [e1, e2, e3, e4] = await queue(['e1', 'e2', 'e3', 'e4']);
        await store.outbox.claim(e2!.id, minuteAgo());
        await store.outbox.claim(e3!.id, minuteAgo());
        await store.outbox.markDone(e3!.id, 'sent');
        expect(ids(await store.outbox.findUnsent(minuteAgo(), 10))).toEqual(ids([e1!, e4!]));
        expect(ids(await store.outbox.findUnsent(inAMinute(), 10))).toEqual(ids([e1!, e2!, e4!]));
        expect(ids(await store.outbox.findUnsent(inAMinute(), 1))).toEqual([e1!.id]);
        const all = await store.outbox.list(page(1, 3));
        expect(all.total).toBe(4);
        expect(ids(all.items)).toEqual(ids([e4!, e3!, e2!]));
        expect(ids((await store.outbox.list(page(2, 3))).items)).toEqual([e1!.id]);
        const pending = await store.outbox.list(page(), { status: 'pending' });
        expect(pending).toMatchObject({ total: 2, items: [{ id: e4!.id }, { id: e1!.id }] });
        expect((await store.outbox.list(page(), { status: 'sending' })).items).toMatchObject([
          { id: e2!.id },
        ]);
        expect((await store.outbox.list(page(), { status: 'kept' })).total).toBe(0);
      });
    });

    describe('deliveries', () => {
      it('writes each notification and email once per dedupe key, keeping the first', async () => {
        await store.deliver(deliveryOf('k1'));
        const { notifications, emails } = deliveryOf('k1');
        await store.deliver({
          notifications: [
            ...notifications.map((n) => ({ ...n, body: 'changed' })),
            ...deliveryOf('k2').notifications,
          ],
          emails: [...emails.map((e) => ({ ...e, html: 'changed' })), ...deliveryOf('k2').emails],
        });
        expect(await delivered()).toEqual({ notifications: ['k1', 'k2'], emails: ['k1', 'k2'] });
        const stored = (await store.notifications.list('user-1', page())).items;
        expect(stored.find((n) => n.title === 'k1')?.body).toBe(newNotification().body);
        const outbox = (await store.outbox.list(page())).items;
        expect(outbox.find((e) => e.subject === 'k1')?.html).toBe(newEmail().html);
        await store.applications.create(newApplication(), deliveryOf('k2'));
        expect((await store.outbox.list(page())).total).toBe(2);
        await store.deliver({ notifications: [], emails: [] });
        expect((await store.notifications.list('user-1', page())).total).toBe(2);
      });

      it('writes a delivery with the write that causes it', async () => {
        const application = await store.applications.create(newApplication(), deliveryOf('received'));
        await store.applications.update(application.id, moveTo('in-review'), 1, deliveryOf('moved'));
        await store.invitations.create(newInvitation(), deliveryOf('invited'));
        const listing = await store.listings.create(newListing(OWNER));
        const closed = await store.listings.update(listing.id, { status: 'closed' }, 1, deliveryOf('closed'));
        expect(closed).toMatchObject({ status: 'closed', version: 2 });
        const keys = ['closed', 'invited', 'moved', 'received'];
        expect(await delivered()).toEqual({ notifications: keys, emails: keys });
      });

      it('writes none of a delivery when the write it accompanies fails', async () => {
        const application = await store.applications.create(newApplication());
        await store.applications.update(application.id, moveTo('in-review'));
        await store.invitations.create(newInvitation());
        const listing = await store.listings.create(newListing(OWNER));
        await store.listings.update(listing.id, { title: 'Edited' });
        const failing: [string, () => Promise<unknown>][] = [
          ['conflict', () => store.applications.create(newApplication(), deliveryOf('duplicate'))],
          [
            'version_conflict',
            () => store.applications.update(application.id, moveTo('offer'), 1, deliveryOf('stale')),
          ],
          [
            'not_found',
            () => store.applications.update('no-such-application', {}, undefined, deliveryOf('gone')),
          ],
          ['conflict', () => store.invitations.create(newInvitation(), deliveryOf('invited-twice'))],
          [
            'version_conflict',
            () => store.listings.update(listing.id, { status: 'closed' }, 1, deliveryOf('closed')),
          ],
        ];
        for (const [code, write] of failing) await expect(write()).rejects.toMatchObject({ code });
        expect(await delivered()).toEqual({ notifications: [], emails: [] });
        expect(await store.applications.findById(application.id)).toMatchObject({
          stage: 'in-review',
          version: 2,
        });
        expect(await store.listings.findById(listing.id)).toMatchObject({ status: 'open', version: 2 });
      });
    });
  });
}
