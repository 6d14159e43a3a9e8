/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, so this file sees DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer } from '../helpers/test-server.ts';
import { apiCall, postListing, signUpThroughApi } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import {
  ADMIN,
  ADMIN_ENV,
  logInInBrowser,
  PASSWORD,
  signUpInBrowser,
  uniqueEmail,
} from './support/journeys.ts';

const TITLE = 'Senior Go engineer, payments';

/** The page has no serious or critical axe-core problem and no sideways scrolling at its width. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect({ where, overflow: Math.max(overflow, 0) }).toEqual({ where, overflow: 0 });
}

describe('hiring journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: TestBrowser;
  let listingId: string;
  let recruiterToken: string;
  const recruiterEmail = uniqueEmail('recruiter');

  beforeAll(async () => {
    server = await startServer({
      seedDemo: false,
      env: ADMIN_ENV,
    });
    browser = await launchBrowser();
    const accessToken = await signUpThroughApi(server.url, {
      email: recruiterEmail,
      name: 'Rita Recruiter',
      role: 'recruiter',
      company: 'Acme Payments',
    });
    recruiterToken = accessToken;
    listingId = await postListing(server.url, accessToken, {
      title: TITLE,
      description: 'Build **payment rails** with Go and PostgreSQL.',
      remote: 'remote',
      required: ['Go', 'PostgreSQL'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('candidate applies, recruiter moves them to interviewing, candidate sees the stage and the notification', async () => {
    // The candidate: an account from the sign-up page, a profile with skills and a private salary floor.
    const candidatePage = await browser.newPage();
    const candidateEmail = await signUpInBrowser(candidatePage, server.url, {
      role: 'candidate',
      name: 'Cora Candidate',
    });
    await candidatePage.setViewportSize({ width: 375, height: 800 });
    const { accessToken } = await apiCall<{ accessToken: string }>(server.url, 'POST', '/api/auth/login', {
      email: candidateEmail,
      password: PASSWORD,
    });
    await apiCall(
      server.url,
      'PUT',
      '/api/me/profile',
      {
        headline: 'Go developer',
        yearsExperience: 6,
        seniority: 'senior',
        location: { country: 'DE', city: 'Berlin' },
        remote: 'remote',
        expectedSalary: { min: 87_654, currency: 'EUR', period: 'year' },
        skills: [
          { skill: 'Go', level: 4 },
          { skill: 'PostgreSQL', level: 3 },
        ],
        discoverable: false,
      },
      accessToken,
    );

    // On a phone: save the posting, open the apply dialog, leave it with Escape, then apply with a note.
    await candidatePage.goto(`${server.url}/jobs/${listingId}`);
    await candidatePage.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const panel = candidatePage.getByRole('region', { name: 'Your application' });
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('button', { name: 'Saved' }).waitFor();
    await panel.getByRole('button', { name: 'Apply' }).click();
    const dialog = candidatePage.getByRole('dialog', { name: `Apply to ${TITLE}` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/name, email.*never your expected salary/);
    await expect.poll(() => candidatePage.evaluate(() => document.activeElement?.id)).toBe('apply-note');
    await expectAccessible(candidatePage, 'apply dialog');
    await candidatePage.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect
      .poll(() => candidatePage.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('Apply');

    await panel.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByLabel('A note to Acme Payments (optional)').fill('I built payment rails in Go.');
    await dialog.getByRole('button', { name: 'Send application' }).click();
    await panel.getByText(/^Applied on .* · Applied$/).waitFor();
    expect(await panel.getByRole('button', { name: 'Apply' }).count()).toBe(0);
    // The button that opened the dialog is gone: focus lands on what took its place.
    await expect
      .poll(() => candidatePage.evaluate(() => document.activeElement?.textContent?.trim()))
      .toMatch(/^Applied on /);

    // Search results say so too.
    await candidatePage.goto(`${server.url}/?q=payment`);
    const hit = candidatePage.getByRole('article').filter({ hasText: TITLE });
    await hit.getByText(/^Applied on .* · Applied$/).waitFor();

    // The saved list has it; My applications has it at its first stage.
    await candidatePage.goto(`${server.url}/saved`);
    await candidatePage.getByRole('link', { name: TITLE }).waitFor();
    await expectAccessible(candidatePage, 'saved jobs');
    await candidatePage.goto(`${server.url}/applications`);
    const application = candidatePage.getByRole('article', { name: TITLE });
    await application.getByText('Applied', { exact: true }).first().waitFor();
    await candidatePage.close();

    // The recruiter: My listings counts the applicant; the pipeline shows contact details, never the salary.
    const recruiterPage = await browser.newPage();
    await logInInBrowser(recruiterPage, server.url, recruiterEmail, '/recruiter');
    const row = recruiterPage.getByRole('row', { name: new RegExp(TITLE) });
    await row.getByText('1 applied').waitFor();
    await expect
      .poll(() => recruiterPage.getByRole('button', { name: /Notifications.*1 unread/ }).count())
      .toBe(1);
    await row.getByRole('link', { name: `1 applicant for ${TITLE}` }).click();
    await recruiterPage.waitForURL(`**/recruiter/listings/${listingId}/applications`);
    const applicant = recruiterPage.getByRole('article', { name: 'Cora Candidate' });
    await applicant.getByRole('link', { name: candidateEmail }).waitFor();
    expect(await applicant.getByText('I built payment rails in Go.').isVisible()).toBe(true);
    const pageText = (await recruiterPage.locator('main').textContent()) ?? '';
    expect(pageText).not.toMatch(/87[,.\s]?654/);
    await expectAccessible(recruiterPage, 'applicants');

    await applicant.getByLabel('Stage').selectOption('interviewing');
    await applicant.getByLabel('Private note (optional)').fill('Strong on Go; talk about Kafka.');
    await applicant.getByRole('button', { name: /^Move to Interviewing/ }).click();
    await recruiterPage.getByText('Cora Candidate moved to Interviewing, with your note.').waitFor();
    await applicant.getByText('Strong on Go; talk about Kafka.').waitFor();
    const filter = recruiterPage.getByRole('navigation', { name: 'Filter by stage' });
    await expect.poll(() => filter.getByRole('link', { name: 'Interviewing 1' }).count()).toBe(1);
    await filter.getByRole('link', { name: 'Applied 0' }).click();
    await recruiterPage.getByText('No applicants in this stage').waitFor();
    await recruiterPage.close();

    // The candidate again: the bell counts the notification, the tracker shows the stage and its history.
    const backPage = await browser.newPage();
    await logInInBrowser(backPage, server.url, candidateEmail, '/applications');
    const moved = backPage.getByRole('article', { name: TITLE });
    await moved.getByText('Stage: Interviewing').waitFor();
    const history = moved.getByRole('listitem');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.nth(1).textContent()).toMatch(/Interviewing.*by the company/);
    expect(await moved.textContent()).not.toContain('talk about Kafka');
    await expectAccessible(backPage, 'my applications');

    const bell = backPage.getByRole('button', { name: /Notifications.*1 unread/ });
    await bell.click();
    const latest = backPage.getByRole('region', { name: 'Latest notifications' });
    await latest.getByRole('link', { name: `New: ${TITLE}: Interviewing` }).waitFor();
    await expectAccessible(backPage, 'notifications menu');
    await backPage.keyboard.press('Escape');
    await expect.poll(() => latest.count()).toBe(0);
    expect(await backPage.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe(
      'false',
    );
    await bell.click();
    await latest.getByRole('link', { name: 'See all notifications' }).click();
    await backPage.waitForURL('**/notifications');
    await expect.poll(() => latest.count()).toBe(0);
    const notice = backPage.getByRole('listitem').filter({ hasText: `${TITLE}: Interviewing` });
    await notice.getByText('Acme Payments moved your application for').waitFor();
    await expectAccessible(backPage, 'notifications');
    await notice.getByRole('button', { name: /^Mark read/ }).click();
    await expect.poll(() => notice.getByRole('button', { name: /^Mark read/ }).count()).toBe(0);
    await expect.poll(() => backPage.getByRole('button', { name: /unread/ }).count()).toBe(0);

    // Withdrawing asks first; keeping it changes nothing.
    await backPage.goto(`${server.url}/applications`);
    await moved.getByRole('button', { name: /^Withdraw/ }).click();
    const confirm = backPage.getByRole('dialog', { name: 'Withdraw your application?' });
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await expect.poll(() => confirm.isVisible()).toBe(false);
    expect(await moved.getByText('Stage: Interviewing').isVisible()).toBe(true);

    // The company closes the listing: the saved list marks it, and the candidate is told.
    await apiCall(server.url, 'POST', `/api/listings/${listingId}/close`, undefined, recruiterToken);
    await backPage.goto(`${server.url}/saved`);
    const savedItem = backPage.getByRole('listitem').filter({ hasText: TITLE });
    await savedItem.getByText('Closed', { exact: true }).waitFor();
    await expect
      .poll(() => backPage.getByRole('button', { name: /Notifications.*1 unread/ }).count())
      .toBe(1);

    // Each email is kept in the outbox (no SMTP_URL here) with a one-click unsubscribe link that works.
    const admin = await apiCall<{ accessToken: string }>(server.url, 'POST', '/api/auth/login', ADMIN);
    const emails = await apiCall<{ items: { to: string; subject: string; text: string }[] }>(
      server.url,
      'GET',
      '/api/admin/emails',
      undefined,
      admin.accessToken,
    );
    const moveEmail = emails.items.find(
      (email) => email.to === candidateEmail && email.subject.includes('Interviewing'),
    );
    const link = moveEmail?.text.match(/\/unsubscribe\?token=\S+/)?.[0];
    expect(link).toBeDefined();
    await backPage.goto(server.url + link);
    await backPage.getByText('You will no longer get email about applications and their stages.').waitFor();
    await backPage.goto(`${server.url}/settings`);
    const topic = backPage.getByRole('switch', { name: 'Applications and their stages' });
    await expect.poll(async () => (await topic.count()) === 1 && !(await topic.isChecked())).toBe(true);

    // Withdrawing for real: the application shows it, with no way to withdraw again.
    await backPage.goto(`${server.url}/applications`);
    await moved.getByRole('button', { name: /^Withdraw/ }).click();
    await confirm.getByRole('button', { name: 'Withdraw application' }).click();
    await moved.getByText('Stage: Withdrawn').waitFor();
    expect(await moved.getByRole('button', { name: /^Withdraw/ }).count()).toBe(0);
    expect(await moved.getByRole('listitem').last().textContent()).toMatch(/Withdrawn.*by you/);
    await backPage.close();
  });

  it('turns an email topic off in the settings and through an unsubscribe link, both accessible', async () => {
    const page = await browser.newPage();
    await signUpInBrowser(page, server.url, { role: 'candidate', name: 'Sam Settings' });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor();
    const switches = page.getByRole('switch');
    await expect.poll(() => switches.count()).toBeGreaterThan(0);
    const first = switches.first();
    expect(await first.isChecked()).toBe(true);
    await first.uncheck();
    await page.getByText(/You will no longer get email about/).waitFor();
    await page.reload();
    await expect
      .poll(async () => (await switches.count()) > 0 && !(await switches.first().isChecked()))
      .toBe(true);
    await expectAccessible(page, 'settings');

    await page.goto(`${server.url}/unsubscribe?token=not-a-real-token`);
    await page.getByText('This unsubscribe link is not valid.').waitFor();
    await expectAccessible(page, 'unsubscribe, bad link');
    await page.close();
  });
});
