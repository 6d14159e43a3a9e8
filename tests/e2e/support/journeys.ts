/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, so this file sees DOM types.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export function uniqueEmail(role: string): string {
  return `${role}-${randomUUID().slice(0, 8)}@example.com`;
}

export const PASSWORD = 'correct horse battery';

/** Signs up through the sign-up page and waits for the landing page of the role. */
export async function signUpInBrowser(
  page: Page,
  baseUrl: string,
  input: { role: 'candidate' | 'recruiter'; name: string; company?: string },
): Promise<string> {
  const email = uniqueEmail(input.role);
  await page.goto(`${baseUrl}/signup`);
  await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
  await page.getByLabel(input.role === 'candidate' ? 'Looking for a job' : 'Hiring').check();
  await page.getByLabel('Your name').fill(input.name);
  if (input.company) await page.getByLabel('Company').fill(input.company);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  // No mail server here: the page shows the link the email carries; the password confirms and logs in.
  await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
  await page.getByRole('link', { name: 'Confirm my email' }).click();
  await page.getByRole('heading', { level: 1, name: 'Confirm your email' }).waitFor();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Confirm and log in' }).click();
  await page.waitForURL(input.role === 'candidate' ? '**/profile' : '**/recruiter');
  await expect.poll(() => page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
  return email;
}

/** The main heading has focus after a client-side navigation (screen readers announce it). */
export async function focusedHeading(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null,
  );
}

/** Logs in through the log-in page and waits for `next`, where it sends the user. */
export async function logInInBrowser(
  page: Page,
  baseUrl: string,
  email: string,
  next: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === next);
  await expect.poll(() => page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
}

/** The admin a suite's server is started with (`env: ADMIN_ENV`), and its log-in onto /admin. */
export const ADMIN = { email: 'admin@example.com', password: 'an admin password for tests' };
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

export async function logInAsAdmin(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/admin');
  await page.getByRole('table', { name: 'Jobs per queue and state' }).waitFor();
}
