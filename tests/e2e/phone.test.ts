/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, so this file sees DOM types.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer } from '../helpers/test-server.ts';
import { apiCall, postListing, recruiterToken } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { pagesCovered } from './support/every-page.ts';
import { ADMIN_ENV, logInAsAdmin, PASSWORD, signUpInBrowser } from './support/journeys.ts';

// The route table bundles the search page; only its addresses are needed here.
vi.mock('../../web/src/pages/search/SearchPage.svelte', () => ({ default: () => undefined }));
const { ROUTES } = await import('../../web/src/routes.ts');
const covered = pagesCovered(ROUTES);

const PHONE = { width: 360, height: 740 };

/** How far `path` scrolls sideways at phone width, and what axe finds there. */
async function onPhone(page: Page, baseUrl: string, path: string, heading: string | RegExp) {
  covered.opened(path);
  await page.goto(baseUrl + path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expect.poll(() => page.locator('.loading').count()).toBe(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  return { path, overflow, violations: await seriousViolations(page) };
}

const fits = (path: string) => ({ path, overflow: 0, violations: [] });

describe('every page on a 360 px phone: no sideways scrolling, axe clean, reachable targets', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: TestBrowser;
  let listingId: string;

  beforeAll(async () => {
    server = await startServer({
      seedDemo: false,
      env: ADMIN_ENV,
    });
    browser = await launchBrowser();
    const token = await recruiterToken(server.url, 'Phone Width Ltd');
    listingId = await postListing(server.url, token, {
      title: 'Senior platform engineer, observability and developer tooling',
      required: ['Go', 'Kubernetes', 'PostgreSQL', 'Terraform'],
      niceToHave: ['Kafka'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fits the public pages, with menu links 44 px tall', async () => {
    const page = await browser.newPage(PHONE);
    const pages: [string, string | RegExp][] = [
      ['/', 'Find back-end jobs'],
      [`/jobs/${listingId}`, /Senior platform engineer/],
      ['/about', 'About Backboard'],
      ['/login', 'Log in'],
      ['/signup', 'Create an account'],
      ['/confirm-email?token=not-a-real-token', 'Confirm your email'],
      ['/unsubscribe?token=not-a-real-token', 'Unsubscribe'],
      ['/no-such-page', 'Page not found'],
    ];
    for (const [path, heading] of pages) {
      expect(await onPhone(page, server.url, path, heading)).toEqual(fits(path));
    }
    await page.getByRole('button', { name: 'Menu' }).click();
    const heights = await page
      .getByRole('navigation', { name: 'Main' })
      .locator('a, button')
      .evaluateAll((targets) => targets.map((target) => Math.round(target.getBoundingClientRect().height)));
    expect(heights.length).toBeGreaterThan(2);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await page.close();
  });

  it('fits the candidate pages, with the posting title above the match panel', async () => {
    // Signed up at desktop width (the helper checks the header's Log out), then narrowed to a phone.
    const page = await browser.newPage();
    const email = await signUpInBrowser(page, server.url, { role: 'candidate', name: 'Phoebe Phone' });
    await page.setViewportSize(PHONE);
    const { accessToken } = await apiCall<{ accessToken: string }>(server.url, 'POST', '/api/auth/login', {
      email,
      password: PASSWORD,
    });
    await apiCall(
      server.url,
      'PUT',
      '/api/me/profile',
      {
        headline: 'Platform engineer with a long headline that keeps going',
        yearsExperience: 7,
        seniority: 'senior',
        location: { country: 'DE', city: 'Berlin' },
        remote: 'remote',
        expectedSalary: null,
        skills: ['Go', 'Kubernetes', 'PostgreSQL', 'Amazon Web Services'].map((skill) => ({
          skill,
          level: 4,
        })),
        discoverable: true,
      },
      accessToken,
    );
    const pages: [string, string | RegExp][] = [
      ['/profile', 'Your profile'],
      ['/recommendations', 'Recommended for you'],
      [`/jobs/${listingId}`, /Senior platform engineer/],
      ['/saved', 'Saved jobs'],
      ['/applications', 'My applications'],
      ['/notifications', 'Notifications'],
      ['/settings', 'Notification settings'],
    ];
    for (const [path, heading] of pages) {
      expect(await onPhone(page, server.url, path, heading)).toEqual(fits(path));
    }
    await page.goto(`${server.url}/jobs/${listingId}`);
    const title = page.getByRole('heading', { level: 1 });
    const match = page.getByRole('region', { name: 'How you match' });
    await match.waitFor();
    const titleTop = (await title.boundingBox())!.y;
    expect(titleTop).toBeLessThan(PHONE.height / 2);
    expect(titleTop).toBeLessThan((await match.boundingBox())!.y);
    await page.close();
  });

  it('fits the recruiter pages', async () => {
    const page = await browser.newPage();
    const email = await signUpInBrowser(page, server.url, {
      role: 'recruiter',
      name: 'Rhea Phone',
      company: 'Phone Co',
    });
    await page.setViewportSize(PHONE);
    const { accessToken } = await apiCall<{ accessToken: string }>(server.url, 'POST', '/api/auth/login', {
      email,
      password: PASSWORD,
    });
    const own = await postListing(server.url, accessToken, {
      title: 'Phone-sized API engineer',
      required: ['Go'],
    });
    const pages: [string, string | RegExp][] = [
      ['/recruiter', 'My listings'],
      ['/recruiter/listings/new', 'Post a listing'],
      [`/recruiter/listings/${own}/edit`, 'Edit listing'],
      [`/recruiter/listings/${own}/applications`, 'Applicants'],
      [`/recruiter/listings/${own}/candidates`, 'Matching candidates'],
    ];
    for (const [path, heading] of pages) {
      expect(await onPhone(page, server.url, path, heading)).toEqual(fits(path));
    }
    await page.close();
  });

  it('fits the admin page', async () => {
    const page = await browser.newPage(PHONE);
    await logInAsAdmin(page, server.url);
    expect(await onPhone(page, server.url, '/admin', 'Admin')).toEqual(fits('/admin'));
    await page.close();
  });

  it('has opened every page of the route table', () => {
    expect(covered.missing()).toEqual([]);
  });
});
