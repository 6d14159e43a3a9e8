import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  confirmEmail,
  confirmEmailRequest,
  createTestApp,
  refreshCookieOf,
  signUp,
  type TestApp,
} from '../helpers/app.ts';
import { uniqueEmail } from '../helpers/factories.ts';

const refresh = (app: TestApp['app'], cookie: string) =>
  app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie } });

describe('accounts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const signup = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
  const login = (email: string, password = 'correct horse battery') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const outboxTo = async (email: string) =>
    (await t.store.outbox.list({ page: 1, limit: 100 })).items.filter((mail) => mail.to === email);

  it('signs a candidate up unconfirmed, with an argon2id hash, and lets them in once they confirm', async () => {
    const email = uniqueEmail('Cand');
    const response = await signup({
      email,
      password: 'correct horse battery',
      name: 'Cara',
      role: 'candidate',
    });
    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body).toMatchObject({ status: 'confirmation-sent', email: email.toLowerCase() });
    expect(response.cookies.find((c) => c.name === 'bb_refresh')).toBeUndefined();
    expect(body).not.toHaveProperty('accessToken');
    const stored = await t.store.users.findByEmail(email);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.emailConfirmedAt).toBeNull();

    // The email carries the link the answer shows here (no mail server, loopback, not production).
    const [mail] = await outboxTo(email.toLowerCase());
    expect(mail).toMatchObject({ kind: 'email-confirmation' });
    expect(mail!.text).toContain(body.confirmUrl);

    // Before confirming, log-in answers exactly as a wrong password does.
    const early = await login(email);
    const wrong = await login(uniqueEmail('nobody'));
    expect(early.statusCode).toBe(401);
    expect(early.json()).toEqual(wrong.json());

    // The link alone is not enough: it takes the password of the sign-up too.
    const withoutPassword = await confirmEmailRequest(t.app, body.confirmUrl, 'not the password');
    expect(withoutPassword.statusCode).toBe(400);
    expect(withoutPassword.json().error.details).toEqual([
      { path: '/password', message: 'not the password of the latest sign-up' },
    ]);
    expect((await t.store.users.findByEmail(email))?.emailConfirmedAt).toBeNull();

    const confirmed = await confirmEmailRequest(t.app, body.confirmUrl, 'correct horse battery');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user).toMatchObject({
      email: email.toLowerCase(),
      name: 'Cara',
      role: 'candidate',
    });
    expect(confirmed.cookies.find((c) => c.name === 'bb_refresh')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/auth',
    });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${confirmed.json().accessToken}` },
    });
    expect(me.json().user.email).toBe(email.toLowerCase());
    expect((await login(email)).statusCode).toBe(200);
  });

  it('refuses a confirmation link that is forged, altered or not ours', async () => {
    const email = uniqueEmail('forge');
    const { confirmUrl } = (
      await signup({ email, password: 'correct horse battery', name: 'F', role: 'candidate' })
    ).json();
    const token = new URL(confirmUrl).searchParams.get('token')!;
    const [userId, expiry, signature] = token.split('.');
    for (const bad of [
      'nonsense',
      `${userId}.${Number(expiry) + 3600}.${signature}`,
      `other-user.${expiry}.${signature}`,
      `${userId}.${expiry}.${signature!.slice(0, -2)}AA`,
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/confirm-email',
        payload: { token: bad, password: 'correct horse battery' },
      });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error.details).toEqual([{ path: '/token', message: 'not valid or expired' }]);
    }
    expect((await t.store.users.findByEmail(email))?.emailConfirmedAt).toBeNull();
  });

  it('answers a registered email exactly like a new one, and tells its owner instead', async () => {
    const email = uniqueEmail();
    await signUp(t.app, 'candidate', { email });
    const fresh = await signup({
      email: uniqueEmail(),
      password: 'another password here',
      name: 'Other',
      role: 'candidate',
    });
    const again = await signup({
      email: email.toUpperCase(),
      password: 'another password here',
      name: 'Other',
      role: 'candidate',
    });
    expect(again.statusCode).toBe(fresh.statusCode);
    expect(Object.keys(again.json()).sort()).toEqual(Object.keys(fresh.json()).sort());
    expect(again.json()).toMatchObject({ status: 'confirmation-sent', email: email.toLowerCase() });
    expect(again.cookies).toEqual(fresh.cookies);
    // The first account is untouched; the prober's password opens nothing.
    expect(
      (await confirmEmailRequest(t.app, again.json().confirmUrl, 'another password here')).statusCode,
    ).toBe(400);
    expect((await t.store.users.findByEmail(email))?.name).toBe('Cara Candidate');
    expect((await login(email, 'another password here')).statusCode).toBe(401);
    expect((await login(email)).statusCode).toBe(200);
    const mails = await outboxTo(email.toLowerCase());
    expect(mails.map((mail) => mail.kind).sort()).toEqual(['email-confirmation', 'sign-up-attempt']);
    expect(mails.find((mail) => mail.kind === 'sign-up-attempt')!.text).toMatch(/already has one/);
  });

  it('never hands an address to someone who signs up with it after its owner', async () => {
    const email = uniqueEmail('owner');
    const owner = await signup({ email, password: 'velvet harbor quartz', name: 'Owner', role: 'candidate' });
    // Someone else signs up with the same address, their own password, as a recruiter.
    const intruder = await signup({
      email,
      password: 'lantern cobalt orchard',
      name: 'Intruder',
      role: 'recruiter',
      company: `Evil Co ${uniqueEmail('co').split('@')[0]}`,
    });
    expect(intruder.statusCode).toBe(202);
    // The owner opens a link (the first, or the newest, which went to their inbox): with their own
    // password neither confirms the intruder's details, and the intruder never sees a link.
    for (const link of [owner.json().confirmUrl, intruder.json().confirmUrl]) {
      expect((await confirmEmailRequest(t.app, link, 'velvet harbor quartz')).statusCode).toBe(400);
    }
    expect((await login(email, 'lantern cobalt orchard')).statusCode).toBe(401);
    // Signing up again sets the owner's details back; the newest link with their password lets them in.
    const again = await signup({ email, password: 'velvet harbor quartz', name: 'Owner', role: 'candidate' });
    const session = await confirmEmail(t.app, again.json().confirmUrl, 'velvet harbor quartz');
    expect(session.user).toMatchObject({ name: 'Owner', role: 'candidate', company: null });
    expect((await login(email, 'lantern cobalt orchard')).statusCode).toBe(401);
  });

  it('requires a company for recruiters, links them to it, and answers a taken name like any other', async () => {
    const missing = await signup({
      email: uniqueEmail(),
      password: 'correct horse battery',
      name: 'R',
      role: 'recruiter',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([{ path: '/company', message: 'required for recruiters' }]);
    const recruiter = await signUp(t.app, 'recruiter', { company: 'Globex' });
    expect(recruiter.user.company?.name).toBe('Globex');
    // Typing a registered company's name does not make anyone its recruiter, nor tell them it exists.
    const email = uniqueEmail('impostor');
    const impostor = await signup({
      email,
      password: 'correct horse battery',
      name: 'I',
      role: 'recruiter',
      company: 'GLOBEX',
    });
    expect(impostor.statusCode).toBe(202);
    expect(impostor.json()).toMatchObject({ status: 'confirmation-sent' });
    const confirm = await confirmEmailRequest(t.app, impostor.json().confirmUrl, 'correct horse battery');
    expect(confirm.statusCode).toBe(400);
    expect((await login(email)).statusCode).toBe(401);
    const [mail] = await outboxTo(email);
    expect(mail!.text).toMatch(/company name .* already hires/);
    expect(mail!.text).not.toContain('GLOBEX');
    expect(mail!.text).not.toContain('confirm-email');
  });

  it('gives the link only by email in production', async () => {
    const prod = await createTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'a production secret of at least thirty-two characters',
    });
    try {
      const response = await prod.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: {
          email: uniqueEmail('prod'),
          password: 'correct horse battery',
          name: 'P',
          role: 'candidate',
        },
      });
      expect(response.statusCode).toBe(202);
      expect(response.json()).not.toHaveProperty('confirmUrl');
    } finally {
      await prod.close();
    }
  });

  it('refuses sign-up bodies that are malformed, and stores nothing', async () => {
    const bad = [
      { email: 'not-an-email', password: 'correct horse battery', name: 'A', role: 'candidate' },
      { email: uniqueEmail(), password: 'short', name: 'A', role: 'candidate' },
      { email: uniqueEmail(), password: 'correct horse battery', name: 'A', role: 'admin' },
      {
        email: uniqueEmail(),
        password: 'correct horse battery',
        name: 'A',
        role: 'candidate',
        isAdmin: true,
      },
      { email: uniqueEmail(), password: 12345678901, name: 'A', role: 'candidate' },
      { email: uniqueEmail(), password: 'correct horse battery', name: 'x'.repeat(101), role: 'candidate' },
    ];
    for (const payload of bad) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.details.length).toBeGreaterThan(0);
    }
    const garbage = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('bad_request');
    expect(await t.store.users.findByEmail('not-an-email')).toBeNull();
  });

  it('logs in with the right password only, with the same answer for unknown emails', async () => {
    const session = await signUp(t.app, 'candidate');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: session.user.email, password: 'correct horse battery' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.id).toBe(session.user.id);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: session.user.email, password: 'wrong password!' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ghost@example.com', password: 'wrong password!' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    // No grace window: any second use of a rotated token is taken for theft.
    const strict = await createTestApp({ REFRESH_REUSE_GRACE: '0' });
    try {
      const session = await signUp(strict.app, 'candidate');
      const first = await refresh(strict.app, session.cookie);
      expect(first.statusCode).toBe(200);
      expect(first.json().accessToken).toEqual(expect.any(String));
      const rotated = refreshCookieOf(first);
      expect(rotated).not.toBe(session.cookie);

      const reuse = await refresh(strict.app, session.cookie);
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().error.message).toMatch(/old token was reused/);
      // The thief's reuse also ends the legitimate rotated session.
      expect((await refresh(strict.app, rotated)).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('lets two tabs refresh with the same token at once, each keeping a working session', async () => {
    const session = await signUp(t.app, 'candidate');
    const [a, b] = await Promise.all([refresh(t.app, session.cookie), refresh(t.app, session.cookie)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    // The later tab, whose request left before the first answer set the new cookie.
    const late = await refresh(t.app, session.cookie);
    expect(late.statusCode).toBe(200);
    const cookies = [refreshCookieOf(a), refreshCookieOf(b), refreshCookieOf(late)];
    expect(new Set(cookies).size).toBe(3);
    for (const cookie of cookies) expect((await refresh(t.app, cookie)).statusCode).toBe(200);
  });

  it('does not revive a session ended by log-out within the grace window', async () => {
    const session = await signUp(t.app, 'candidate');
    const rotated = refreshCookieOf(await refresh(t.app, session.cookie));
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: rotated, authorization: `Bearer ${session.token}` },
    });
    expect(logout.statusCode).toBeLessThan(300);
    expect((await refresh(t.app, session.cookie)).statusCode).toBe(401);
    expect((await refresh(t.app, rotated)).statusCode).toBe(401);
  });

  it('refuses refresh without or with an unknown cookie', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh' })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/refresh',
          headers: { cookie: 'bb_refresh=forged' },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('logs out: the refresh token stops working', async () => {
    const session = await signUp(t.app, 'candidate');
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...session.auth, cookie: session.cookie },
    });
    expect(logout.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);
    // Without an access token the cookie still ends the session; without either there is nothing to end.
    const again = await signUp(t.app, 'candidate');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: again.cookie } }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: again.cookie } }))
        .statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('refuses forged, expired-looking and malformed access tokens', async () => {
    const session = await signUp(t.app, 'candidate');
    const [header, payload] = session.token.split('.');
    for (const authorization of [
      `Bearer ${header}.${payload}.forged`,
      'Bearer nonsense',
      `Basic ${session.token}`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
  });
});

describe('auth rate limit', () => {
  it('answers 429 in the common error shape once the per-minute budget is spent', async () => {
    const t = await createTestApp({ AUTH_RATE_LIMIT: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (
            await t.app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { email: 'a@b.co', password: 'whatever' },
            })
          ).statusCode,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a@b.co', password: 'whatever' },
      });
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });
});

describe('client address behind proxies', () => {
  const login = (t: TestApp, forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: 'a@b.co', password: 'whatever' },
    });

  it('ignores X-Forwarded-For by default, so rotating it does not escape the rate limit', async () => {
    const t = await createTestApp({ AUTH_RATE_LIMIT: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await login(t, `203.0.113.${i}`)).statusCode);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it('counts per forwarded client when TRUST_PROXY names a proxy in front', async () => {
    const t = await createTestApp({ AUTH_RATE_LIMIT: '2', TRUST_PROXY: '1' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await login(t, `203.0.113.${i}`)).statusCode);
      expect(statuses).toEqual([401, 401, 401]);
    } finally {
      await t.close();
    }
  });
});
