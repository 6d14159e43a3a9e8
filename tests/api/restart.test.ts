import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, postListing, signUp } from '../helpers/app.ts';

describe('restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps accounts, listings, profiles and sessions across a restart on the same data dir', async () => {
    const first = await createTestApp({}, dir);
    const recruiter = await signUp(first.app, 'recruiter');
    const candidate = await signUp(first.app, 'candidate');
    const listing = await postListing(first.app, recruiter, { title: 'Survives restarts' });
    await first.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: { headline: 'Still here', skills: [] },
    });
    await first.close();

    const second = await createTestApp({}, dir);
    try {
      const read = await second.app.inject({ method: 'GET', url: `/api/listings/${listing.id}` });
      expect(read.json().listing.title).toBe('Survives restarts');
      // The generated JWT secret is kept under DATA_DIR, so an access token from before still works.
      const profile = await second.app.inject({
        method: 'GET',
        url: '/api/me/profile',
        headers: candidate.auth,
      });
      expect(profile.json().profile.headline).toBe('Still here');
      const login = await second.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: recruiter.user.email, password: 'correct horse battery' },
      });
      expect(login.statusCode).toBe(200);
      const refresh = await second.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        headers: { cookie: candidate.cookie },
      });
      expect(refresh.statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });
});
