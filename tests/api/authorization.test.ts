import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  listingBody,
  postListing,
  signUp,
  type Session,
  type TestApp,
} from '../helpers/app.ts';

type Actor = 'anonymous' | 'candidate' | 'owner' | 'otherRecruiter' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'candidate', 'owner', 'otherRecruiter', 'admin'];

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (ids: { open: string; closed: string; fresh: () => Promise<string> }) => Promise<string> | string;
  payload?: () => Record<string, unknown>;
  expect: Record<Actor, number>;
}

/** Every route × role × owner/non-owner: who may call it, and what the others get. */
const ROUTES: RouteCase[] = [
  {
    name: 'GET /api/auth/me',
    method: 'GET',
    url: () => '/api/auth/me',
    expect: { anonymous: 401, candidate: 200, owner: 200, otherRecruiter: 200, admin: 200 },
  },
  {
    name: 'POST /api/listings',
    method: 'POST',
    url: () => '/api/listings',
    payload: () => listingBody(),
    expect: { anonymous: 401, candidate: 403, owner: 201, otherRecruiter: 201, admin: 403 },
  },
  {
    name: 'GET /api/listings?mine=true',
    method: 'GET',
    url: () => '/api/listings?mine=true',
    expect: { anonymous: 401, candidate: 403, owner: 200, otherRecruiter: 200, admin: 403 },
  },
  {
    name: 'GET open listing',
    method: 'GET',
    url: ({ open }) => `/api/listings/${open}`,
    expect: { anonymous: 200, candidate: 200, owner: 200, otherRecruiter: 200, admin: 200 },
  },
  {
    name: 'GET closed listing',
    method: 'GET',
    url: ({ closed }) => `/api/listings/${closed}`,
    expect: { anonymous: 404, candidate: 404, owner: 200, otherRecruiter: 404, admin: 200 },
  },
  {
    name: 'PATCH listing',
    method: 'PATCH',
    url: ({ open }) => `/api/listings/${open}`,
    payload: () => ({ title: 'Edited title' }),
    expect: { anonymous: 401, candidate: 403, owner: 200, otherRecruiter: 403, admin: 200 },
  },
  {
    name: 'POST listing close',
    method: 'POST',
    url: async ({ fresh }) => `/api/listings/${await fresh()}/close`,
    expect: { anonymous: 401, candidate: 403, owner: 200, otherRecruiter: 403, admin: 200 },
  },
  {
    name: 'POST listing reopen',
    method: 'POST',
    url: ({ closed }) => `/api/listings/${closed}/reopen`,
    expect: { anonymous: 401, candidate: 403, owner: 200, otherRecruiter: 404, admin: 200 },
  },
  {
    name: 'DELETE listing',
    method: 'DELETE',
    url: async ({ fresh }) => `/api/listings/${await fresh()}`,
    expect: { anonymous: 401, candidate: 403, owner: 204, otherRecruiter: 403, admin: 204 },
  },
  {
    name: 'GET /api/me/profile',
    method: 'GET',
    url: () => '/api/me/profile',
    expect: { anonymous: 401, candidate: 200, owner: 403, otherRecruiter: 403, admin: 403 },
  },
  {
    name: 'PUT /api/me/profile',
    method: 'PUT',
    url: () => '/api/me/profile',
    payload: () => ({ skills: [{ skill: 'Go', level: 3 }] }),
    expect: { anonymous: 401, candidate: 200, owner: 403, otherRecruiter: 403, admin: 403 },
  },
  {
    name: 'GET /api/listings/search',
    method: 'GET',
    url: () => '/api/listings/search?q=go',
    expect: { anonymous: 200, candidate: 200, owner: 200, otherRecruiter: 200, admin: 200 },
  },
  {
    name: 'GET listing match',
    method: 'GET',
    url: ({ open }) => `/api/listings/${open}/match`,
    expect: { anonymous: 401, candidate: 200, owner: 403, otherRecruiter: 403, admin: 403 },
  },
  {
    name: 'GET closed listing match',
    method: 'GET',
    url: ({ closed }) => `/api/listings/${closed}/match`,
    expect: { anonymous: 401, candidate: 404, owner: 403, otherRecruiter: 403, admin: 403 },
  },
  {
    name: 'GET listing candidates',
    method: 'GET',
    url: ({ open }) => `/api/listings/${open}/candidates`,
    expect: { anonymous: 401, candidate: 403, owner: 200, otherRecruiter: 403, admin: 200 },
  },
  {
    name: 'GET /api/me/recommendations',
    method: 'GET',
    url: () => '/api/me/recommendations',
    expect: { anonymous: 401, candidate: 200, owner: 403, otherRecruiter: 403, admin: 403 },
  },
  {
    name: 'GET /api/skills',
    method: 'GET',
    url: () => '/api/skills?q=po',
    expect: { anonymous: 200, candidate: 200, owner: 200, otherRecruiter: 200, admin: 200 },
  },
  {
    name: 'POST /api/skills/extract',
    method: 'POST',
    url: () => '/api/skills/extract',
    payload: () => ({ text: 'Go and Postgres' }),
    expect: { anonymous: 200, candidate: 200, owner: 200, otherRecruiter: 200, admin: 200 },
  },
  {
    name: 'GET /api/admin/queues',
    method: 'GET',
    url: () => '/api/admin/queues',
    expect: { anonymous: 401, candidate: 403, owner: 403, otherRecruiter: 403, admin: 200 },
  },
  {
    name: 'POST /api/admin/reindex',
    method: 'POST',
    url: () => '/api/admin/reindex',
    expect: { anonymous: 401, candidate: 403, owner: 403, otherRecruiter: 403, admin: 202 },
  },
  {
    name: 'POST /api/admin/rematch',
    method: 'POST',
    url: () => '/api/admin/rematch',
    expect: { anonymous: 401, candidate: 403, owner: 403, otherRecruiter: 403, admin: 202 },
  },
  {
    name: 'GET /api/admin/operations/:id',
    method: 'GET',
    url: () => '/api/admin/operations/unknown-operation',
    expect: { anonymous: 401, candidate: 403, owner: 403, otherRecruiter: 403, admin: 404 },
  },
  {
    name: 'GET /health',
    method: 'GET',
    url: () => '/health',
    expect: { anonymous: 200, candidate: 200, owner: 200, otherRecruiter: 200, admin: 200 },
  },
  {
    name: 'GET /ready',
    method: 'GET',
    url: () => '/ready',
    expect: { anonymous: 200, candidate: 200, owner: 200, otherRecruiter: 200, admin: 200 },
  },
];

describe('authorization matrix', () => {
  let t: TestApp;
  const sessions = {} as Record<Exclude<Actor, 'anonymous'>, Session>;
  let owner: Session;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_EMAIL: 'admin@backboard.test', ADMIN_PASSWORD: 'admin password 123' });
    owner = await signUp(t.app, 'recruiter', { company: 'Owner Co' });
    sessions.owner = owner;
    sessions.otherRecruiter = await signUp(t.app, 'recruiter', { company: 'Other Co' });
    sessions.candidate = await signUp(t.app, 'candidate');
    await t.app.services.accounts.ensureAdmin('admin@backboard.test', 'admin password 123');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@backboard.test', password: 'admin password 123' },
    });
    const token = login.json().accessToken as string;
    sessions.admin = {
      token,
      cookie: '',
      user: login.json().user,
      auth: { authorization: `Bearer ${token}` },
    };
  });
  afterAll(async () => {
    await t.close();
  });

  for (const route of ROUTES) {
    for (const actor of ACTORS) {
      it(`${route.name} as ${actor} → ${route.expect[actor]}`, async () => {
        const open = (await postListing(t.app, owner)).id;
        const closed = (await postListing(t.app, owner)).id;
        await t.app.inject({ method: 'POST', url: `/api/listings/${closed}/close`, headers: owner.auth });
        const fresh = async () => (await postListing(t.app, owner)).id;
        const url = await route.url({ open, closed, fresh });
        const response = await t.app.inject({
          method: route.method,
          url,
          headers: actor === 'anonymous' ? {} : sessions[actor].auth,
          ...(route.payload ? { payload: route.payload() } : {}),
        });
        expect(response.statusCode, response.body).toBe(route.expect[actor]);
        if (response.statusCode >= 400) expect(response.json().error.code).toEqual(expect.any(String));
      });
    }
  }
});
