import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, listingBody, signUp, type TestApp } from '../helpers/app.ts';

describe('write rate limit', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT: '3' });
  });
  afterEach(async () => {
    await t.close();
  });

  const post = (auth: { authorization: string }, ip = '198.51.100.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: auth,
      payload: listingBody(),
      remoteAddress: ip,
    });

  it('limits each account, whatever address it writes from, and stores nothing past the limit', async () => {
    const flooder = await signUp(t.app, 'recruiter');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(flooder.auth, `198.51.100.${i + 1}`)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await post(flooder.auth);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.store.listings.count()).toBe(3);
    // Other writes of the same account share the budget; reading is not limited.
    const [first] = (
      await t.app.inject({ method: 'GET', url: '/api/listings?mine=true', headers: flooder.auth })
    ).json().items;
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/listings/${first.id}`,
      headers: flooder.auth,
      payload: { title: 'Edited' },
    });
    expect(edit.statusCode).toBe(429);
    // A colleague at another company, from the same address, is not held back.
    const other = await signUp(t.app, 'recruiter');
    expect((await post(other.auth, '198.51.100.1')).statusCode).toBe(201);
  });
});
