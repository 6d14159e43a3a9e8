import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer } from '../helpers/test-server.ts';
import { postListing, recruiterToken } from './support/api.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { signUpInBrowser, uniqueEmail } from './support/journeys.ts';

/** The search as a new visitor meets it: facets, shared links with odd values, failures. */
describe('search and errors as a new visitor meets them', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startServer({ seedDemo: false });
    browser = await launchBrowser();
    const token = await recruiterToken(server.url, 'First Visit GmbH');
    // Posted first, so it is the oldest: a blank search (newest first) shows it on page 2.
    await postListing(server.url, token, { title: 'C++ trading engineer', country: 'GB', required: ['C++'] });
    await postListing(server.url, token, {
      title: 'Python engineer, Paris',
      description: `## The role\n\nBuild **data pipelines** in Python for a Paris team.\n\n${'Ship and run them well. '.repeat(20)}`,
      country: 'FR',
      required: ['Python'],
    });
    for (let n = 1; n <= 20; n++) {
      await postListing(server.url, token, { title: `Go engineer ${n}`, country: 'DE', required: ['Go'] });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The results heading's words, spaces as one reads them. */
  const heading = (page: Page) => ({
    textContent: async () =>
      (await page.locator('#results-heading').textContent())?.replace(/\s+/g, ' ').trim(),
  });

  it('ticks two countries to see postings in either, with the other countries still offered', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect.poll(() => heading(page).textContent()).toMatch(/22 jobs/);
    const countries = page.getByRole('group', { name: 'Country' });
    await countries.getByLabel('Germany').check();
    await page.waitForURL(/country=DE/);
    await expect.poll(() => heading(page).textContent()).toMatch(/20 jobs/);
    // Germany ticked, the other countries are still there to add, each with what it would add.
    await countries.getByLabel('United Kingdom').check();
    await page.waitForURL(/country=DE%2CGB|country=DE,GB/);
    await expect.poll(() => heading(page).textContent()).toMatch(/21 jobs/);
    expect(await countries.getByLabel('Germany').isChecked()).toBe(true);
    expect(await countries.getByLabel('France').isChecked()).toBe(false);
    await page.close();
  });

  it("shows each result's opening words as plain text when browsing, cut short on a long posting", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?country=FR`);
    const card = page.getByRole('article').filter({ hasText: 'Python engineer, Paris' });
    const summary = (await card.locator('.snippet').textContent())?.trim() ?? '';
    expect(summary).toContain('Build data pipelines in Python for a Paris team.');
    expect(summary).not.toMatch(/[*#]/);
    expect(summary.length).toBeLessThanOrEqual(280);
    expect(summary.endsWith('…')).toBe(true);
    await page.close();
  });

  it('labels skills by their names, also those of postings on another page', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const skills = page.getByRole('group', { name: 'Skills' });
    await skills.getByLabel('C++', { exact: true }).waitFor();
    expect(await skills.getByText('cpp', { exact: true }).count()).toBe(0);
    await page.close();
  });

  it('falls back with a notice on a sort or page it cannot do, and offers the way back from past the end', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?sort=bogus`);
    await page.getByText('“bogus” is not a way to sort').waitFor();
    await expect.poll(() => heading(page).textContent()).toMatch(/22 jobs/);
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.goto(`${server.url}/?sort=match`);
    await page.getByText(/Sorting by best match needs a candidate's profile/).waitFor();
    await page.getByRole('link', { name: 'Go engineer 20' }).waitFor();

    await page.goto(`${server.url}/?page=999`);
    await page.getByText('No jobs on page 999').waitFor();
    await page.getByRole('button', { name: 'Go to page 2' }).click();
    await page.waitForURL(/page=2/);
    await page.getByRole('link', { name: 'C++ trading engineer' }).waitFor();
    await page.close();
  });

  it('does not keep an earlier count beside a failed search', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect.poll(() => heading(page).textContent()).toMatch(/22 jobs/);
    await page.route('**/api/listings/search**', (route) => route.abort('connectionrefused'));
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('python');
    await page.getByText('Backboard cannot be reached').waitFor();
    expect(await heading(page).textContent()).not.toMatch(/jobs/);
    await page.close();
  });

  it("says the API's words when a password is wrong", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(uniqueEmail('nobody'));
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Email or password is wrong').waitFor();
    expect(await page.getByText('Please log in to do this.').count()).toBe(0);
    await page.close();
  });

  it('asks before leaving the listing editor with unsaved edits, and not when nothing changed', async () => {
    const page = await browser.newPage();
    await signUpInBrowser(page, server.url, {
      role: 'recruiter',
      name: 'Guarded Recruiter',
      company: 'Guard Ltd',
    });
    const questions: string[] = [];
    let answer = false;
    page.on('dialog', (dialog) => {
      questions.push(dialog.message());
      void (answer ? dialog.accept() : dialog.dismiss());
    });
    const jobsLink = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Jobs', exact: true });

    await page.getByRole('link', { name: 'Post a listing' }).click();
    await page.getByRole('heading', { level: 1, name: 'Post a listing' }).waitFor();
    await jobsLink.click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(questions).toEqual([]);

    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Post a listing' }).waitFor();
    await page.getByLabel('Title').fill('Half-written listing');
    await jobsLink.click();
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toMatch(/unsaved changes/);
    expect(new URL(page.url()).pathname).toBe('/recruiter/listings/new');
    expect(await page.getByLabel('Title').inputValue()).toBe('Half-written listing');

    answer = true;
    await jobsLink.click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(questions).toHaveLength(2);
    await page.close();
  });

  it("offers to try again when a page's code fails to load", async () => {
    const page = await browser.newPage();
    let failing = true;
    await page.route('**/assets/AboutPage-*.js', (route) =>
      failing ? route.abort('connectionreset') : route.continue(),
    );
    await page.goto(`${server.url}/about`);
    await page.getByRole('heading', { level: 1, name: 'This page could not load' }).waitFor();
    expect(await page.getByText('Failed to fetch dynamically imported module').count()).toBe(0);
    failing = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'About Backboard' }).waitFor();
    await page.close();
  });

  it('moves focus into the page from the skip link', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Find back-end jobs' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});
