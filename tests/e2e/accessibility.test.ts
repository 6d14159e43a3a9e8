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

/** Opens `path`, waits for its heading and for loading to settle, then runs axe-core. */
async function audit(page: Page, baseUrl: string, path: string, heading: string | RegExp) {
  covered.opened(path);
  await page.goto(baseUrl + path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expect.poll(() => page.locator('.loading').count()).toBe(0);
  return seriousViolations(page);
}

describe('accessibility of the main pages (axe-core, serious and critical)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: TestBrowser;
  let listingId: string;

  beforeAll(async () => {
    server = await startServer({
      seedDemo: false,
      env: ADMIN_ENV,
    });
    browser = await launchBrowser();
    const token = await recruiterToken(server.url, 'Axe Audits Ltd');
    listingId = await postListing(server.url, token, {
      title: 'Platform engineer',
      description:
        '## What you will do\n\n- Run **Kubernetes**\n- Write Go\n\n[Our blog](https://example.com)',
      required: ['Go', 'Kubernetes'],
      niceToHave: ['Terraform'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has none on the public pages', async () => {
    const page = await browser.newPage();
    const pages: [string, string | RegExp][] = [
      ['/', 'Find back-end jobs'],
      ['/?q=go&remote=hybrid', 'Find back-end jobs'],
      [`/jobs/${listingId}`, 'Platform engineer'],
      ['/about', 'About Backboard'],
      ['/login', 'Log in'],
      ['/signup', 'Create an account'],
      ['/no-such-page', 'Page not found'],
      ['/unsubscribe?token=not-a-real-token', 'Unsubscribe'],
      ['/confirm-email?token=not-a-real-token', 'Confirm your email'],
    ];
    for (const [path, heading] of pages) {
      expect({ path, violations: await audit(page, server.url, path, heading) }).toEqual({
        path,
        violations: [],
      });
    }
    await page.close();
  });

  it('has none on the candidate pages', async () => {
    const page = await browser.newPage();
    await signUpInBrowser(page, server.url, { role: 'candidate', name: 'Ada Audit' });
    const pages: [string, string | RegExp][] = [
      ['/', 'Find back-end jobs'],
      ['/profile', 'Your profile'],
      ['/recommendations', 'Recommended for you'],
      [`/jobs/${listingId}`, 'Platform engineer'],
      ['/saved', 'Saved jobs'],
      ['/applications', 'My applications'],
      ['/notifications', 'Notifications'],
      ['/settings', 'Notification settings'],
    ];
    for (const [path, heading] of pages) {
      expect({ path, violations: await audit(page, server.url, path, heading) }).toEqual({
        path,
        violations: [],
      });
    }
    await page.close();
  });

  it('has none on the recruiter pages', async () => {
    const page = await browser.newPage();
    const email = await signUpInBrowser(page, server.url, {
      role: 'recruiter',
      name: 'Rob Audit',
      company: 'Audit Co',
    });
    const { accessToken } = await apiCall<{ accessToken: string }>(server.url, 'POST', '/api/auth/login', {
      email,
      password: PASSWORD,
    });
    const own = await postListing(server.url, accessToken, {
      title: 'Audited API engineer',
      required: ['Go'],
    });
    const pages: [string, string | RegExp][] = [
      ['/recruiter', 'My listings'],
      ['/recruiter/listings/new', 'Post a listing'],
      [`/recruiter/listings/${own}/edit`, 'Edit listing'],
      [`/recruiter/listings/${own}/applications`, 'Applicants'],
      [`/recruiter/listings/${own}/candidates`, 'Matching candidates'],
      ['/notifications', 'Notifications'],
    ];
    for (const [path, heading] of pages) {
      expect({ path, violations: await audit(page, server.url, path, heading) }).toEqual({
        path,
        violations: [],
      });
    }
    await page.close();
  });

  it('has none on the admin page, which shows queues and runs a re-index with progress', async () => {
    const page = await browser.newPage();
    await logInAsAdmin(page, server.url);
    await page.getByRole('heading', { level: 2, name: 'Outbox' }).waitFor();
    await expect.poll(() => page.locator('.loading').count()).toBe(0);
    covered.opened('/admin');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Re-index search' }).click();
    await page.getByRole('progressbar', { name: /Re-index/ }).waitFor();
    await expect.poll(() => page.getByRole('progressbar', { name: /Re-index · finished/ }).count()).toBe(1);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling and keeps its menu reachable', async () => {
    const page = await browser.newPage({ width: 375, height: 740 });
    expect(await audit(page, server.url, '/', 'Find back-end jobs')).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await page.getByRole('heading', { level: 1, name: 'About Backboard' }).waitFor();
    await page.close();
  });

  it('has audited every page of the route table', () => {
    expect(covered.missing()).toEqual([]);
  });
});
