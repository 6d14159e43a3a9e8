import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../helpers/app.ts';
import { uniqueEmail } from '../helpers/factories.ts';

const PASSWORD = 'correct horse battery';

describe('account security through the API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const login = (email: string, password: string, ip = '203.0.113.7') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('refuses passwords people guess first, naming the field and the reason', async () => {
    const email = uniqueEmail('weak');
    const weak = [
      'password123', // on every common-password list
      'qwertyuiop', // a keyboard run
      'aaaaaaaaaaaa', // one character repeated
      'abcdefghijk', // the alphabet in order
      `${email.split('@')[0]}2024`, // the email's own name
      'summer2024', // a word and a year
    ];
    for (const password of weak) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { email, password, name: 'Wes', role: 'candidate' },
      });
      expect(response.statusCode, password).toBe(400);
      const body = response.json();
      expect(body.error.details[0].path, password).toBe('/password');
      expect(body.error.details[0].message, password).toMatch(/\w/);
    }
    expect(await t.store.users.findByEmail(email)).toBeNull();
    // A passphrase of unrelated words is fine.
    const strong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email, password: 'lantern cobalt orchard', name: 'Wes', role: 'candidate' },
    });
    expect(strong.statusCode).toBe(202);
  });

  it('backs off one account after repeated failures, whichever addresses they come from', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 2, 9));
    const victim = await signUp(t.app, 'candidate');
    // Five wrong guesses, each from another address: each is a plain 401.
    for (let i = 0; i < 5; i++) {
      const response = await login(victim.user.email, `guess number ${i}`, `198.51.100.${i + 1}`);
      expect(response.statusCode).toBe(401);
    }
    // Now even the right password waits, from yet another address, and is told how long.
    const locked = await login(victim.user.email, PASSWORD, '192.0.2.200');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    const wait = Number(locked.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    // Another account is untouched.
    const other = await signUp(t.app, 'candidate');
    expect((await login(other.user.email, PASSWORD, '192.0.2.200')).statusCode).toBe(200);
    // After the wait the right password works, and the count starts again.
    vi.setSystemTime(Date.UTC(2026, 11, 2, 9, 0, 31));
    expect((await login(victim.user.email, PASSWORD)).statusCode).toBe(200);
    expect((await login(victim.user.email, 'wrong again')).statusCode).toBe(401);
    expect((await login(victim.user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('doubles the wait with each further failure, up to fifteen minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let now = Date.UTC(2026, 11, 2, 9);
    vi.setSystemTime(now);
    const victim = await signUp(t.app, 'candidate');
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      expect((await login(victim.user.email, `guess ${i}`)).statusCode).toBe(401);
      const locked = await login(victim.user.email, `guess ${i} again`);
      if (locked.statusCode === 429) {
        const wait = Number(locked.headers['retry-after']);
        waits.push(wait);
        now += wait * 1000 + 1000;
        vi.setSystemTime(now);
      } else {
        expect(locked.statusCode).toBe(401);
      }
    }
    expect(waits.slice(0, 4)).toEqual([30, 60, 120, 240]);
    expect(Math.max(...waits)).toBe(15 * 60);
  });

  it('answers an unknown email exactly as a known one, backing off the same way', async () => {
    const known = await signUp(t.app, 'candidate');
    const unknown = uniqueEmail('nobody');
    const answers = async (email: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await login(email, `guess ${i}`)).statusCode);
      return statuses;
    };
    const [a, b] = [await answers(known.user.email), await answers(unknown)];
    expect(a).toEqual(b);
    expect(a).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('counts a burst of parallel guesses one by one', async () => {
    const victim = await signUp(t.app, 'candidate');
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(victim.user.email, `parallel ${i}`, `198.51.100.${i}`)),
    );
    const statuses = burst.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  });

  it('refuses the access token of a logged-out session at once, not when it expires', async () => {
    const session = await signUp(t.app, 'candidate');
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.auth });
    expect((await me()).statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(out.statusCode).toBeLessThan(300);
    expect((await me()).statusCode).toBe(401);
    // Other sessions of the same person keep working.
    const again = await login(session.user.email, PASSWORD);
    expect(again.statusCode).toBe(200);
    const fresh = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${again.json().accessToken}` },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('refuses the access token of a session ended by refresh-token theft', async () => {
    const session = await signUp(t.app, 'candidate');
    const refresh = (cookie: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie } });
    const rotated = await refresh(session.cookie);
    expect(rotated.statusCode).toBe(200);
    const stolenToken = rotated.json().accessToken as string;
    // The old cookie comes back after the grace window: the whole session ends, access tokens too.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    expect((await refresh(session.cookie)).statusCode).toBe(401);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${stolenToken}` },
    });
    expect(me.statusCode).toBe(401);
  });
});
