import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/test-server.ts';
import { postListing, recruiterToken } from './support/api.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { focusedHeading, signUpInBrowser } from './support/journeys.ts';

describe('candidate journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startServer({ seedDemo: false });
    browser = await launchBrowser();
    const token = await recruiterToken(server.url, 'Acme Payments');
    await postListing(server.url, token, {
      title: 'Senior Go engineer, payments',
      description: 'Build **payment rails** with Go, PostgreSQL and Kubernetes.',
      remote: 'remote',
      required: ['Go', 'PostgreSQL', 'Kubernetes'],
      niceToHave: ['Kafka'],
    });
    await postListing(server.url, token, {
      title: 'Java developer, ledger',
      description: 'Spring Boot services for our payments ledger.',
      remote: 'onsite',
      required: ['Java', 'Spring Boot'],
    });
    await postListing(server.url, token, {
      title: 'Python data engineer',
      description: 'Pipelines in Python and Airflow.',
      remote: 'hybrid',
      required: ['Python'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs up, fills the profile, searches with a typo and a facet, and sees score and gap on a posting', async () => {
    const page = await browser.newPage();
    await signUpInBrowser(page, server.url, { role: 'candidate', name: 'Cora Candidate' });

    // Profile: skills through autocomplete (an alias finds the canonical skill), a level, salary, discoverable.
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    const picker = page.getByRole('combobox', { name: 'Add a skill' });
    await picker.fill('postgres');
    await page.getByRole('option', { name: /PostgreSQL/ }).waitFor();
    await picker.press('Enter');
    await picker.fill('golang');
    await page.getByRole('option', { name: /^Go\b/ }).waitFor();
    await picker.press('Enter');
    await page.getByLabel('Level for Go').selectOption('4');
    // A misspelling finds the skill; a name the taxonomy does not know waits to be confirmed as custom.
    await picker.fill('kubernates');
    await page.getByRole('option', { name: 'Kubernetes' }).waitFor();
    await picker.fill('Zorblax Flow');
    await picker.press('Enter');
    const unknown = page.getByRole('alert').filter({ hasText: '“Zorblax Flow” is not a skill we know' });
    await unknown.waitFor();
    expect(await page.getByLabel('Level for Zorblax Flow').count()).toBe(0);
    await unknown.getByRole('button', { name: 'Add “Zorblax Flow” as a custom skill' }).click();
    await page.getByLabel('Level for Zorblax Flow').waitFor();
    await page.getByLabel('Seniority').selectOption('senior');
    await page.getByLabel('Country').selectOption('DE');
    await page.getByLabel('At least').fill('65000');
    await page.getByRole('switch', { name: /Let recruiters find me/ }).check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved').waitFor();

    await page.reload();
    await page.getByLabel('Level for PostgreSQL').waitFor();
    expect(await page.getByLabel('Level for Go').inputValue()).toBe('4');

    // Search with a typo, then narrow by a facet; the query lives in the URL.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Jobs', exact: true })
      .click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => focusedHeading(page)).toBe('Find back-end jobs');
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('paymnets');
    await page.waitForURL(/q=paymnets/);
    await page.getByRole('link', { name: 'Senior Go engineer, payments' }).waitFor();

    await page.getByRole('group', { name: 'Remote policy' }).getByLabel('Remote', { exact: true }).check();
    await page.waitForURL(/remote=remote/);
    await expect.poll(() => page.getByRole('link', { name: 'Java developer, ledger' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('link', { name: 'Senior Go engineer, payments' }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search jobs' }).inputValue()).toBe('paymnets');

    // The posting: score with its explanation and the skill gap.
    await page.getByRole('link', { name: 'Senior Go engineer, payments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Senior Go engineer, payments' }).waitFor();
    const match = page.getByRole('region', { name: 'How you match' });
    await match.getByText('out of 100').waitFor();
    const missing = match.getByRole('region', { name: 'Missing required skills' });
    expect(await missing.getByText('Kubernetes').isVisible()).toBe(true);
    expect(await match.getByRole('region', { name: 'Matched' }).getByText('PostgreSQL').isVisible()).toBe(
      true,
    );
    await match.getByText('Why this score').click();
    expect(await match.getByRole('row').count()).toBeGreaterThan(2);
    await page.close();
  });
});
