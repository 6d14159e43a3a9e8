import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  postListing,
  profileBody,
  signUp,
  type Session,
  type TestApp,
} from '../helpers/app.ts';

/** The hiring loop through the API: save, apply, track, review, move, invite, be told. */
describe('the hiring loop', () => {
  let t: TestApp;
  let recruiter: Session;
  let cara: Session;

  beforeAll(async () => {
    t = await createTestApp();
    recruiter = await signUp(t.app, 'recruiter', { company: 'Acme Payments' });
    cara = await signUp(t.app, 'candidate', { name: 'Cara Candidate' });
    await saveProfile(cara, {
      discoverable: true,
      expectedSalary: { min: 123_456, currency: 'EUR', period: 'year' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function saveProfile(session: Session, overrides: Record<string, unknown> = {}) {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: session.auth,
      payload: profileBody(overrides),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().profile as { id: string };
  }

  const call = (
    session: Session | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: session ? session.auth : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  async function apply(session: Session, listingId: string, note = '') {
    const response = await call(session, 'POST', `/api/listings/${listingId}/applications`, { note });
    return { status: response.statusCode, body: response.json() };
  }

  it('saves postings, lists them newest first with closed ones marked, and forgets them', async () => {
    const first = await postListing(t.app, recruiter, { title: 'First saved' });
    const second = await postListing(t.app, recruiter, { title: 'Second saved' });
    expect((await call(cara, 'PUT', `/api/me/saved/${first.id}`)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await call(cara, 'PUT', `/api/me/saved/${second.id}`)).statusCode).toBe(200);
    expect((await call(cara, 'PUT', `/api/me/saved/${second.id}`)).statusCode).toBe(200);
    await call(recruiter, 'POST', `/api/listings/${first.id}/close`);
    const list = (await call(cara, 'GET', '/api/me/saved')).json();
    expect(list.total).toBe(2);
    expect(
      list.items.map((item: { listing: { title: string; status: string } }) => item.listing),
    ).toMatchObject([
      { title: 'Second saved', status: 'open' },
      { title: 'First saved', status: 'closed' },
    ]);
    const posting = (await call(cara, 'GET', `/api/listings/${second.id}`)).json().listing;
    expect(posting.viewer.savedAt).toEqual(expect.any(String));
    expect((await call(cara, 'DELETE', `/api/me/saved/${second.id}`)).statusCode).toBe(204);
    expect((await call(cara, 'GET', '/api/me/saved')).json().total).toBe(1);
  });

  it('applies once with a note; a second time or to a closed posting is 409', async () => {
    const listing = await postListing(t.app, recruiter, { title: 'Go Engineer, payments' });
    const applied = await apply(cara, listing.id, '  I built payment rails in Go.  ');
    expect(applied.status).toBe(201);
    expect(applied.body.application).toMatchObject({
      listingId: listing.id,
      stage: 'applied',
      note: 'I built payment rails in Go.',
      listing: { title: 'Go Engineer, payments', company: 'Acme Payments' },
      timeline: [{ stage: 'applied', by: 'candidate' }],
    });
    expect(applied.body.application.score).toEqual(expect.any(Number));
    expect((await apply(cara, listing.id)).status).toBe(409);
    const closed = await postListing(t.app, recruiter);
    await call(recruiter, 'POST', `/api/listings/${closed.id}/close`);
    expect((await apply(cara, closed.id)).status).toBe(409);
    expect((await apply(cara, 'no-such-listing')).status).toBe(404);
    // Search is eventually consistent: the posting is findable once its index job ran.
    await t.adapters.queue.whenIdle();
    const search = (await call(cara, 'GET', '/api/listings/search?q=payments')).json();
    const hit = search.items.find((item: { listing: { id: string } }) => item.listing.id === listing.id);
    expect(hit.listing.viewer.application).toMatchObject({ stage: 'applied', createdAt: expect.any(String) });
  });

  it('needs a profile with skills to apply', async () => {
    const newcomer = await signUp(t.app, 'candidate');
    const listing = await postListing(t.app, recruiter);
    const answer = await apply(newcomer, listing.id);
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/profile/);
  });

  it('shows the company its applicants ranked by match, with contact details but never the salary expectation', async () => {
    const listing = await postListing(t.app, recruiter, { title: 'Ranked role' });
    const weaker = await signUp(t.app, 'candidate', { name: 'Will Weaker' });
    await saveProfile(weaker, { skills: [{ skill: 'PHP', level: 2 }] });
    await apply(weaker, listing.id);
    await apply(cara, listing.id, 'Hello');
    const page = (await call(recruiter, 'GET', `/api/listings/${listing.id}/applications`)).json();
    expect(page.items.map((item: { candidate: { name: string } }) => item.candidate.name)).toEqual([
      'Cara Candidate',
      'Will Weaker',
    ]);
    expect(page.items[0].candidate.email).toBe(cara.user.email);
    expect(page.items[0].score).toBeGreaterThan(page.items[1].score);
    expect(page.items[0].gap.matched.length).toBeGreaterThan(0);
    expect(page.counts).toEqual({ applied: 2 });
    expect(JSON.stringify(page)).not.toContain('123456');
    const mine = (await call(recruiter, 'GET', '/api/listings?mine=true&limit=100')).json();
    const row = mine.items.find((item: { id: string }) => item.id === listing.id);
    expect(row.applicationCounts).toEqual({ applied: 2 });
  });

  it('moves an application through the pipeline, telling the candidate, keeping notes private', async () => {
    const listing = await postListing(t.app, recruiter, { title: 'Pipeline role' });
    const { body } = await apply(cara, listing.id);
    const id = body.application.id as string;
    const moved = await call(recruiter, 'PATCH', `/api/applications/${id}`, {
      stage: 'interviewing',
      note: 'Strong on Go; ask about Kafka',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().application.companyNotes).toMatchObject([{ text: 'Strong on Go; ask about Kafka' }]);

    const tracker = (await call(cara, 'GET', '/api/me/applications')).json();
    const mine = tracker.items.find((item: { id: string }) => item.id === id);
    expect(mine.stage).toBe('interviewing');
    expect(mine.timeline.map((entry: { stage: string }) => entry.stage)).toEqual(['applied', 'interviewing']);
    expect(JSON.stringify(tracker)).not.toContain('ask about Kafka');

    const notifications = (await call(cara, 'GET', '/api/me/notifications')).json();
    expect(notifications.unread).toBeGreaterThan(0);
    expect(notifications.items[0]).toMatchObject({
      kind: 'stage-changed',
      title: 'Pipeline role: Interviewing',
      link: '/applications',
      readAt: null,
    });
    const read = (await call(cara, 'POST', '/api/me/notifications/read', {})).json();
    expect(read.unread).toBe(0);

    expect(
      (await call(recruiter, 'PATCH', `/api/applications/${id}`, { stage: 'promoted' })).statusCode,
    ).toBe(400);
    await call(recruiter, 'PATCH', `/api/applications/${id}`, { stage: 'hired' });
    const again = await call(recruiter, 'PATCH', `/api/applications/${id}`, { stage: 'offer' });
    expect(again.statusCode).toBe(409);
    expect(
      (await call(recruiter, 'PATCH', `/api/applications/${id}`, { stage: 'withdrawn' })).statusCode,
    ).toBe(409);
  });

  it('lets the candidate withdraw an open application, once', async () => {
    const listing = await postListing(t.app, recruiter);
    const { body } = await apply(cara, listing.id);
    const withdrawn = await call(cara, 'POST', `/api/me/applications/${body.application.id}/withdraw`);
    expect(withdrawn.json().application.stage).toBe('withdrawn');
    expect(
      (await call(cara, 'POST', `/api/me/applications/${body.application.id}/withdraw`)).statusCode,
    ).toBe(409);
  });

  it('tells open applicants when the listing closes, and not the ones already out', async () => {
    const listing = await postListing(t.app, recruiter, { title: 'Closing role' });
    const dana = await signUp(t.app, 'candidate');
    await saveProfile(dana);
    await apply(cara, listing.id);
    const danaApplication = (await apply(dana, listing.id)).body.application.id as string;
    await call(dana, 'POST', `/api/me/applications/${danaApplication}/withdraw`);
    await call(recruiter, 'POST', `/api/listings/${listing.id}/close`);
    const kinds = async (session: Session) =>
      (await call(session, 'GET', '/api/me/notifications?limit=100'))
        .json()
        .items.filter(
          (n: { kind: string; title: string }) =>
            n.kind === 'listing-closed' && n.title.includes('Closing role'),
        );
    expect(await kinds(cara)).toHaveLength(1);
    expect(await kinds(dana)).toHaveLength(0);
  });

  it('still shows a closed posting, marked closed, to those who applied to or saved it, and to nobody else', async () => {
    const listing = await postListing(t.app, recruiter, { title: 'Closed but remembered' });
    const applicant = await signUp(t.app, 'candidate');
    await saveProfile(applicant);
    await apply(applicant, listing.id);
    const saver = await signUp(t.app, 'candidate');
    await call(saver, 'PUT', `/api/me/saved/${listing.id}`);
    const stranger = await signUp(t.app, 'candidate');
    await call(recruiter, 'POST', `/api/listings/${listing.id}/close`);
    for (const session of [applicant, saver]) {
      const seen = await call(session, 'GET', `/api/listings/${listing.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().listing.status).toBe('closed');
    }
    expect((await call(stranger, 'GET', `/api/listings/${listing.id}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/listings/${listing.id}`)).statusCode).toBe(404);
    // Seeing it is not applying to it: a closed posting still takes no application.
    expect((await apply(saver, listing.id)).status).toBe(409);
  });

  it('invites a discoverable candidate through the platform, once, without revealing contact details', async () => {
    const listing = await postListing(t.app, recruiter, { title: 'Invite role' });
    const erin = await signUp(t.app, 'candidate', { name: 'Erin Example' });
    const profile = await saveProfile(erin, { discoverable: true });
    const invited = await call(recruiter, 'POST', `/api/listings/${listing.id}/invitations`, {
      profileId: profile.id,
      message: 'Your Go work looks great',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(JSON.stringify(invited.json())).not.toContain(erin.user.email);
    expect(
      (await call(recruiter, 'POST', `/api/listings/${listing.id}/invitations`, { profileId: profile.id }))
        .statusCode,
    ).toBe(409);
    const [news] = (await call(erin, 'GET', '/api/me/notifications')).json().items;
    expect(news).toMatchObject({ kind: 'invited', link: `/jobs/${listing.id}` });
    expect(news.body).toContain('Your Go work looks great');

    const hidden = await signUp(t.app, 'candidate');
    const hiddenProfile = await saveProfile(hidden, { discoverable: false });
    const refused = await call(recruiter, 'POST', `/api/listings/${listing.id}/invitations`, {
      profileId: hiddenProfile.id,
    });
    expect(refused.statusCode).toBe(404);
  });

  it('keeps every email in the outbox on the embedded default, honouring settings and unsubscribe links', async () => {
    const frank = await signUp(t.app, 'candidate');
    const profile = await saveProfile(frank, { discoverable: true });
    const listing = await postListing(t.app, recruiter, { title: 'Outbox role' });
    await call(recruiter, 'POST', `/api/listings/${listing.id}/invitations`, { profileId: profile.id });
    await t.adapters.queue.whenIdle(10_000);
    const kept = t.app.services.outbox;
    // Frank's notification emails (his sign-up's confirmation is an account email).
    const frankNotices = async () =>
      (await kept.list({ page: 1, limit: 100 })).items.filter(
        (e) => e.to === frank.user.email && e.kind !== 'email-confirmation',
      );
    const emails = await frankNotices();
    expect(emails.map((e) => e.kind)).toEqual(['invited']);
    expect(emails[0]).toMatchObject({ status: 'kept', kind: 'invited' });
    const link = /\/api\/unsubscribe\?token=([^>]+)/.exec(emails[0]!.headers['List-Unsubscribe'] ?? '');
    expect(link).not.toBeNull();
    expect(emails[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    // One click, as a mail client sends it (RFC 8058): a form post, no sign-in.
    const unsubscribed = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe?token=${link![1]}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.json()).toEqual({ unsubscribed: 'invitations' });
    expect((await call(frank, 'GET', '/api/me/notification-settings')).json().email.invitations).toBe(false);

    const another = await postListing(t.app, recruiter, { title: 'Second invite' });
    await call(recruiter, 'POST', `/api/listings/${another.id}/invitations`, { profileId: profile.id });
    await t.adapters.queue.whenIdle(10_000);
    expect(await frankNotices()).toHaveLength(1);
    expect((await call(frank, 'GET', '/api/me/notifications')).json().total).toBe(2);
  });
});
