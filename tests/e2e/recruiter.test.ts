import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/test-server.ts';
import { discoverableCandidate } from './support/api.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { focusedHeading, signUpInBrowser } from './support/journeys.ts';
import { isFocused, uncovered } from './support/layout.ts';

describe('recruiter journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startServer({ seedDemo: false });
    browser = await launchBrowser();
    await discoverableCandidate(server.url, 'Go and PostgreSQL developer', ['Go', 'PostgreSQL']);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs up with a company, posts a listing, sees matching candidates, then closes the listing', async () => {
    const page = await browser.newPage();
    await signUpInBrowser(page, server.url, {
      role: 'recruiter',
      name: 'Rita Recruiter',
      company: 'Acme Payments',
    });
    await expect.poll(() => page.getByText('You have no listings yet').isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Post a listing' }).click();
    await page.waitForURL('**/recruiter/listings/new');
    await expect.poll(() => focusedHeading(page)).toBe('Post a listing');

    await page.getByLabel('Title').fill('Senior Go engineer, payments');
    await page
      .getByLabel('Description')
      .fill('## The team\n\nWe build **payment rails** in Go and PostgreSQL.');
    await page.getByLabel('Seniority').selectOption('senior');
    await page.getByLabel('Remote policy').selectOption('remote');
    await page.getByLabel('Country').selectOption('DE');
    await page.getByLabel('City').fill('Berlin');
    await page.getByLabel('Minimum', { exact: true }).fill('70000');
    await page.getByLabel('Maximum', { exact: true }).fill('90000');

    const required = page.locator('#required-picker');
    await required.fill('Go');
    await required.press('Enter');
    await required.fill('PostgreSQL');
    await required.press('Enter');
    await required.fill('Kubernetes');
    await required.press('Enter');
    await page.locator('#nice-picker').fill('Kafka');
    await page.locator('#nice-picker').press('Enter');
    const requiredList = page.getByRole('group', { name: 'Required skills' });
    await expect.poll(() => requiredList.getByRole('listitem').count()).toBe(3);

    await page.getByRole('button', { name: 'Post listing' }).click();
    await page.waitForURL('**/recruiter/listings/*/candidates');
    await page.getByRole('link', { name: 'Senior Go engineer, payments' }).waitFor();
    // Matching runs in the background; the page looks again until the candidate shows, with score and gap.
    const candidate = page.getByRole('listitem').filter({ hasText: 'Go and PostgreSQL developer' });
    await candidate.getByText('out of 100').waitFor();
    expect(await candidate.getByRole('region', { name: 'Missing required skills' }).textContent()).toContain(
      'Kubernetes',
    );

    // Invite them to apply: a dialog with an optional message; the list then says when they were invited.
    await candidate.getByRole('button', { name: /^Invite to apply/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Invite .* to apply$/ });
    await dialog.getByLabel('Message (optional)').fill('Your Go and PostgreSQL fit our payments team.');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await candidate.getByText(/^Invited on /).waitFor();
    expect(await candidate.getByRole('button', { name: /^Invite to apply/ }).count()).toBe(0);

    await page.getByRole('link', { name: 'All listings' }).click();
    await page.waitForURL('**/recruiter');
    const row = page.getByRole('row', { name: /Senior Go engineer, payments/ });
    await row.waitFor();
    expect(await row.getByText('Open', { exact: true }).isVisible()).toBe(true);

    // Closing asks first; keeping it open changes nothing and puts focus back on Close.
    const close = page.getByRole('dialog', { name: 'Close this listing?' });
    await row.getByRole('button', { name: /^Close/ }).click();
    await close.waitFor();
    await close.getByRole('button', { name: 'Keep it open' }).click();
    await expect.poll(() => close.isVisible()).toBe(false);
    expect(await row.getByText('Open', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => isFocused(row.getByRole('button', { name: /^Close/ }))).toBe(true);

    // Closed: the row says so, and focus is on the Reopen button that took Close's place.
    await row.getByRole('button', { name: /^Close/ }).click();
    await close.getByRole('button', { name: 'Close listing' }).click();
    await expect.poll(() => row.getByText('Closed', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => isFocused(row.getByRole('button', { name: /^Reopen/ }))).toBe(true);
    // The message that says so covers none of the row's actions.
    await page.getByText('Listing closed.').waitFor();
    expect(await uncovered(page, row.getByRole('link', { name: /^Edit/ }))).toBe(true);
    expect(await uncovered(page, row.getByRole('button', { name: /^Reopen/ }))).toBe(true);
    expect(await uncovered(page, row.getByRole('button', { name: /^Delete/ }))).toBe(true);

    // The posting page renders the description as sanitised markdown.
    await row.getByRole('link', { name: 'Senior Go engineer, payments', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Senior Go engineer, payments' }).waitFor();
    expect(await page.locator('.description strong').textContent()).toBe('payment rails');
    expect(await page.getByText('Closed', { exact: true }).isVisible()).toBe(true);
    await page.close();
  });
});
