/**
 * Every page of the app, once: its address, its title, who may open it, its place in the main
 * navigation and how its code arrives. The layout (App.svelte) matches the address against this table,
 * gates the page, titles the document and draws the navigation from it.
 */
import type { Component } from 'svelte';
import { matchPath, type PathParams, type RouteParams } from './lib/route-match.ts';
import type { Role } from './lib/types.ts';
import SearchPage from './pages/search/SearchPage.svelte';

export type PageComponent = Component<RouteParams>;

export interface Route {
  name: string;
  path: string;
  /** The document title, and the heading shown while the page is gated. */
  title: string;
  /** Only these roles may open the page; `what` finishes the sentence "Log in to …". */
  access?: { roles: Role[]; what: string };
  /** The link text in the main navigation, for pages linked from it. */
  nav?: string;
  /** The first page most visitors see ships in the first bundle; the others load on first visit. */
  page: { bundled: PageComponent } | { load: () => Promise<{ default: PageComponent }> };
}

type PageModule<Path extends string> = { default: Component<PathParams<Path>> };

/**
 * Checks that the page accepts exactly the parameters its pattern captures, then forgets the pattern's
 * literal type so every route fits one table.
 */
function route<Path extends string>(
  definition: Omit<Route, 'path' | 'page'> & {
    path: Path;
    page: { bundled: Component<PathParams<Path>> } | { load: () => Promise<PageModule<Path>> };
  },
): Route {
  return definition as unknown as Route;
}

/** In navigation order: the main navigation lists the routes with a `nav` label as they come here. */
export const ROUTES: readonly Route[] = [
  route({
    name: 'search',
    path: '/',
    title: 'Find back-end jobs',
    nav: 'Jobs',
    page: { bundled: SearchPage },
  }),
  route({
    name: 'posting',
    path: '/jobs/:id',
    title: 'Job posting',
    page: { load: () => import('./pages/posting/PostingPage.svelte') },
  }),
  route({
    name: 'recommendations',
    path: '/recommendations',
    title: 'Recommended for you',
    nav: 'Recommended',
    access: { roles: ['candidate'], what: 'see postings ranked by how well you match' },
    page: { load: () => import('./pages/recommendations/RecommendationsPage.svelte') },
  }),
  route({
    name: 'saved',
    path: '/saved',
    title: 'Saved jobs',
    nav: 'Saved',
    access: { roles: ['candidate'], what: 'see the postings you saved' },
    page: { load: () => import('./pages/saved/SavedPage.svelte') },
  }),
  route({
    name: 'applications',
    path: '/applications',
    title: 'My applications',
    nav: 'Applications',
    access: { roles: ['candidate'], what: 'follow your applications' },
    page: { load: () => import('./pages/applications/ApplicationsPage.svelte') },
  }),
  route({
    name: 'profile',
    path: '/profile',
    title: 'Your profile',
    nav: 'Profile',
    access: { roles: ['candidate'], what: 'build your skill profile' },
    page: { load: () => import('./pages/profile/ProfilePage.svelte') },
  }),
  route({
    name: 'recruiter',
    path: '/recruiter',
    title: 'My listings',
    nav: 'My listings',
    access: { roles: ['recruiter'], what: 'manage your listings' },
    page: { load: () => import('./pages/recruiter/MyListingsPage.svelte') },
  }),
  route({
    name: 'listing-new',
    path: '/recruiter/listings/new',
    title: 'Post a listing',
    access: { roles: ['recruiter'], what: 'post listings' },
    page: { load: () => import('./pages/recruiter/ListingFormPage.svelte') },
  }),
  route({
    name: 'listing-edit',
    path: '/recruiter/listings/:id/edit',
    title: 'Edit listing',
    access: { roles: ['recruiter'], what: 'post listings' },
    page: { load: () => import('./pages/recruiter/ListingFormPage.svelte') },
  }),
  route({
    name: 'listing-candidates',
    path: '/recruiter/listings/:id/candidates',
    title: 'Matching candidates',
    access: { roles: ['recruiter'], what: 'see the candidates who match your listings' },
    page: { load: () => import('./pages/recruiter/CandidatesPage.svelte') },
  }),
  route({
    name: 'listing-applications',
    path: '/recruiter/listings/:id/applications',
    title: 'Applicants',
    access: { roles: ['recruiter'], what: 'review the applicants to your listings' },
    page: { load: () => import('./pages/recruiter/ApplicantsPage.svelte') },
  }),
  route({
    name: 'notifications',
    path: '/notifications',
    title: 'Notifications',
    access: { roles: ['candidate', 'recruiter', 'admin'], what: 'see your notifications' },
    page: { load: () => import('./pages/notifications/NotificationsPage.svelte') },
  }),
  route({
    name: 'settings',
    path: '/settings',
    title: 'Notification settings',
    access: { roles: ['candidate', 'recruiter', 'admin'], what: 'choose which emails you get' },
    page: { load: () => import('./pages/settings/SettingsPage.svelte') },
  }),
  route({
    name: 'unsubscribe',
    path: '/unsubscribe',
    title: 'Unsubscribe',
    page: { load: () => import('./pages/unsubscribe/UnsubscribePage.svelte') },
  }),
  route({
    name: 'admin',
    path: '/admin',
    title: 'Admin',
    nav: 'Admin',
    access: { roles: ['admin'], what: 'see queues and rebuild the index' },
    page: { load: () => import('./pages/admin/AdminPage.svelte') },
  }),
  route({
    name: 'login',
    path: '/login',
    title: 'Log in',
    page: { load: () => import('./pages/auth/LoginPage.svelte') },
  }),
  route({
    name: 'signup',
    path: '/signup',
    title: 'Sign up',
    page: { load: () => import('./pages/auth/SignupPage.svelte') },
  }),
  route({
    name: 'confirm-email',
    path: '/confirm-email',
    title: 'Confirm your email',
    page: { load: () => import('./pages/auth/ConfirmEmailPage.svelte') },
  }),
  route({
    name: 'about',
    path: '/about',
    title: 'About Backboard',
    nav: 'About',
    page: { load: () => import('./pages/about/AboutPage.svelte') },
  }),
];

/** Shown when no pattern fits, so it is not in the table and its path is never matched. */
export const NOT_FOUND: Route = route({
  name: 'not-found',
  path: '/*',
  title: 'Page not found',
  page: { load: () => import('./pages/not-found/NotFoundPage.svelte') },
});

/** The page at `path`, or the not-found page. */
export function routeFor(path: string): { route: Route; params: RouteParams } {
  return matchPath(ROUTES, path) ?? { route: NOT_FOUND, params: {} };
}

/** Whether a visitor with `role` (null when signed out) may open `route`. */
export function mayOpen(route: Route, role: Role | null): boolean {
  return !route.access || (role !== null && route.access.roles.includes(role));
}
