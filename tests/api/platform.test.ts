import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chosenKinds } from '../../server/adapters/index.ts';
import { createTestApp, EMBEDDED_BACKENDS, type TestApp } from '../helpers/app.ts';

describe('platform routes and error handling', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers liveness and readiness per backend', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    const kinds = chosenKinds(t.config);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: {
        store: { ok: true, adapter: kinds.store },
        search: { ok: true, adapter: kinds.search },
        queue: { ok: true, adapter: kinds.queue },
      },
    });
  });

  it('reports not ready with 503 when the store is gone', async () => {
    await t.store.close();
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.store.ok).toBe(false);
  });

  it('hides the details of a 5xx behind one JSON shape', async () => {
    // A closed SQLite file fails with a driver error (500); a closed MongoDB store says unavailable (503).
    const embedded = await createTestApp(EMBEDDED_BACKENDS);
    try {
      await embedded.store.close();
      const response = await embedded.app.inject({ method: 'GET', url: '/api/listings/some-id' });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        error: { code: 'internal', message: 'Something went wrong on our side', details: [] },
      });
    } finally {
      await embedded.close();
    }
  });

  it('answers unknown API routes with a JSON 404 and echoes request ids', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { 'x-request-id': 'trace-me-123' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(response.headers['x-request-id']).toBe('trace-me-123');
  });

  it('keeps only short plain request ids: a long or strange one is replaced, not logged', async () => {
    for (const given of ['x'.repeat(129), 'has spaces in it', 'line\u2028break', 'a"quote', '']) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/health',
        headers: { 'x-request-id': given },
      });
      const id = response.headers['x-request-id'];
      expect(id, given).not.toBe(given);
      expect(id, given).toMatch(/^[0-9a-f-]{36}$/);
    }
    const kept = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': `span-${'a'.repeat(123)}` },
    });
    expect(kept.headers['x-request-id']).toBe(`span-${'a'.repeat(123)}`);
  });

  it('sends security headers and serves the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    const spec = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining(['/api/auth/signup', '/api/listings/{id}', '/api/me/profile']),
    );
  });

  it('allows cross-origin calls only from the configured origin', async () => {
    const restricted = await createTestApp({ CORS_ORIGIN: 'https://app.backboard.example' });
    try {
      const allowed = await restricted.app.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://app.backboard.example' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.backboard.example');
      const denied = await restricted.app.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://evil.example' },
      });
      expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await restricted.close();
    }
  });
});
