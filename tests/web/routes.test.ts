import { describe, expect, it, vi } from 'vitest';
import { matchPath } from '../../web/src/lib/route-match.ts';

// The search page is bundled into the table; its component is not needed to test addresses.
vi.mock('../../web/src/pages/search/SearchPage.svelte', () => ({ default: () => undefined }));
const { mayOpen, NOT_FOUND, routeFor, ROUTES } = await import('../../web/src/routes.ts');

describe('matchPath', () => {
  const routes = [{ path: '/' }, { path: '/jobs/:id' }, { path: '/a/:first/b/:second' }];

  it('captures and decodes named segments, ignoring a trailing slash', () => {
    expect(matchPath(routes, '/jobs/abc%20d/')).toEqual({ route: routes[1], params: { id: 'abc d' } });
    expect(matchPath(routes, '/a/1/b/2')?.params).toEqual({ first: '1', second: '2' });
    expect(matchPath(routes, '/')).toEqual({ route: routes[0], params: {} });
  });

  it('needs every segment to fit', () => {
    expect(matchPath(routes, '/jobs')).toBeNull();
    expect(matchPath(routes, '/jobs/1/2')).toBeNull();
    expect(matchPath(routes, '/a/1/c/2')).toBeNull();
  });

  it('keeps a malformed escape as typed instead of throwing', () => {
    expect(matchPath(routes, '/jobs/%E0%A4')?.params).toEqual({ id: '%E0%A4' });
  });
});

describe('the route table', () => {
  it('sends each address to its page, with its parameters', () => {
    const pages = (paths: string[]) =>
      paths.map((path) => [routeFor(path).route.name, routeFor(path).params]);
    expect(
      pages([
        '/',
        '/jobs/l1',
        '/recruiter/listings/new',
        '/recruiter/listings/l2/edit',
        '/recruiter/listings/l3/applications',
        '/applications',
        '/unsubscribe',
        '/nowhere',
      ]),
    ).toEqual([
      ['search', {}],
      ['posting', { id: 'l1' }],
      ['listing-new', {}],
      ['listing-edit', { id: 'l2' }],
      ['listing-applications', { id: 'l3' }],
      ['applications', {}],
      ['unsubscribe', {}],
      ['not-found', {}],
    ]);
  });

  it('gives every route its own name and pattern, and reaches each by its own path', () => {
    expect(new Set(ROUTES.map((route) => route.name)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((route) => route.path)).size).toBe(ROUTES.length);
    for (const route of ROUTES) {
      expect(routeFor(route.path.replaceAll(/:\w+/g, 'x')).route).toBe(route);
    }
    expect(ROUTES).not.toContain(NOT_FOUND);
  });

  it('ships only the search page in the first bundle', () => {
    expect(ROUTES.filter((route) => 'bundled' in route.page).map((route) => route.name)).toEqual(['search']);
  });

  it('lets a role open only the pages meant for it, and signed-out visitors only public ones', () => {
    const openTo = (role: Parameters<typeof mayOpen>[1]) =>
      ROUTES.filter((route) => route.nav && mayOpen(route, role)).map((route) => route.nav);
    expect(openTo(null)).toEqual(['Jobs', 'About']);
    expect(openTo('candidate')).toEqual(['Jobs', 'Recommended', 'Saved', 'Applications', 'Profile', 'About']);
    expect(openTo('recruiter')).toEqual(['Jobs', 'My listings', 'About']);
    expect(openTo('admin')).toEqual(['Jobs', 'Admin', 'About']);
    expect(mayOpen(routeFor('/recruiter/listings/l2/candidates').route, 'candidate')).toBe(false);
    expect(mayOpen(routeFor('/recruiter/listings/l2/applications').route, 'candidate')).toBe(false);
    expect(mayOpen(routeFor('/applications').route, 'recruiter')).toBe(false);
    // The link in an email works signed out: the signed token is the proof.
    expect(mayOpen(routeFor('/unsubscribe').route, null)).toBe(true);
    expect(mayOpen(routeFor('/notifications').route, null)).toBe(false);
  });
});
