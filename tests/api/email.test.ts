import { ACCOUNT_EMAIL_KINDS, isOneOf } from '../../server/shared/vocabulary.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  postListing,
  profileBody,
  signUp,
  type Session,
  type TestApp,
} from '../helpers/app.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

/** With SMTP_URL set, the outbox sends through a real SMTP server; an outage delays email, loses none. */
describe('email through SMTP (embedded queue)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let recruiter: Session;
  let cara: Session;
  let listingId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://jobs.example.test' });
    recruiter = await signUp(t.app, 'recruiter', { company: 'Acme Payments' });
    cara = await signUp(t.app, 'candidate');
    await t.app.inject({ method: 'PUT', url: '/api/me/profile', headers: cara.auth, payload: profileBody() });
    listingId = (await postListing(t.app, recruiter, { title: 'Mail role' })).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const to = (session: Session) => smtp.received.filter((mail) => mail.to.includes(session.user.email));

  it('sends each email once, with its unsubscribe headers and a link to the product', async () => {
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/listings/${listingId}/applications`,
      headers: cara.auth,
      payload: {},
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/applications/${applied.json().application.id}`,
      headers: recruiter.auth,
      payload: { stage: 'interviewing' },
    });
    await t.adapters.queue.whenIdle(15_000);
    const [recruiterMail] = to(recruiter);
    expect(recruiterMail!.headers.subject).toBe('New application: Mail role');
    const [candidateMail, ...more] = to(cara);
    expect(more).toEqual([]);
    expect(candidateMail!.headers.subject).toBe('Mail role: Interviewing');
    expect(candidateMail!.headers['list-unsubscribe']).toMatch(
      /^<https:\/\/jobs\.example\.test\/api\/unsubscribe\?token=.+>$/,
    );
    expect(candidateMail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(candidateMail!.raw).toContain('https://jobs.example.test/applications');
    const statuses = (await t.app.services.outbox.list({ page: 1, limit: 10 })).items
      .filter((e) => !isOneOf(ACCOUNT_EMAIL_KINDS, e.kind))
      .map((e) => e.status);
    expect(statuses).toEqual(['sent', 'sent']);
  });

  it('keeps email pending while the mail server is down, and sends it once it is back', async () => {
    const dana = await signUp(t.app, 'candidate');
    await t.adapters.queue.whenIdle(15_000);
    await smtp.stop();
    const profile = await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: dana.auth,
      payload: profileBody({ discoverable: true }),
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/listings/${listingId}/invitations`,
      headers: recruiter.auth,
      payload: { profileId: profile.json().profile.id },
    });
    // The first attempt fails at once (connection refused); retries back off from one second.
    await expect
      .poll(async () => (await t.app.services.outbox.list({ page: 1, limit: 1 })).items[0]?.lastError, {
        timeout: 10_000,
      })
      .toEqual(expect.any(String));
    const [waiting] = (await t.app.services.outbox.list({ page: 1, limit: 1 })).items;
    expect(waiting).toMatchObject({ status: 'pending', to: dana.user.email });
    await smtp.start();
    await t.adapters.queue.whenIdle(30_000);
    expect(to(dana)).toHaveLength(1);
    expect((await t.app.services.outbox.list({ page: 1, limit: 1 })).items[0]!.status).toBe('sent');
  });
});
