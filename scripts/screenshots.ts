/**
 * Takes the screenshots of the main pages kept in docs/screenshots/ (shown in the README).
 * Run after `npm run build:web`: `npx tsx scripts/screenshots.ts`. Uses the real server on a temp
 * data folder and Debian's Chromium, like the end-to-end tests.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startServer } from '../tests/helpers/test-server.ts';
import {
  apiCall,
  discoverableCandidate,
  postListing,
  recruiterToken,
  signUpThroughApi,
} from '../tests/e2e/support/api.ts';
import { launchBrowser } from '../tests/e2e/support/browser.ts';
import { PASSWORD, uniqueEmail } from '../tests/e2e/support/journeys.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0);
  await page.waitForTimeout(400);
}

async function shoot(page: Page, name: string, path: string, fullPage = false): Promise<void> {
  await page.goto(page.url().replace(/(https?:\/\/[^/]+).*/, '$1') + path);
  await settle(page);
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

async function logIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

mkdirSync(OUT, { recursive: true });
const server = await startServer({ seedDemo: false });
const browser = await launchBrowser();
try {
  const recruiterEmail = uniqueEmail('recruiter');
  const ownToken = await signUpThroughApi(server.url, {
    email: recruiterEmail,
    name: 'Rita Berger',
    role: 'recruiter',
    company: 'Northwind Payments',
  });
  const otherToken = await recruiterToken(server.url, 'Fjord Logistics');
  const postingId = await postListing(server.url, ownToken, {
    title: 'Senior Go engineer, payment rails',
    description:
      '## What you will do\n\nBuild and run the services that move money between banks: **Go**, PostgreSQL and Kafka on Kubernetes.\n\n- Design APIs used by hundreds of merchants\n- Own reliability: tracing, alerts, on-call with a kind rota\n\n## What we offer\n\nRemote within Europe, 30 days of holiday, a learning budget.',
    remote: 'remote',
    required: ['Go', 'PostgreSQL', 'Kubernetes'],
    niceToHave: ['Kafka', 'gRPC'],
    salary: [72_000, 92_000],
  });
  await postListing(server.url, ownToken, {
    title: 'Backend developer (Node.js), checkout',
    remote: 'hybrid',
    seniority: 'mid',
    required: ['Node.js', 'TypeScript', 'PostgreSQL'],
    salary: [55_000, 70_000],
  });
  await postListing(server.url, otherToken, {
    title: 'Java / Spring Boot engineer, routing',
    remote: 'onsite',
    country: 'NL',
    required: ['Java', 'Spring Boot', 'MySQL'],
    salary: [65_000, 85_000],
  });
  await postListing(server.url, otherToken, {
    title: 'Python platform engineer',
    remote: 'hybrid',
    required: ['Python', 'Docker', 'AWS'],
    niceToHave: ['Terraform'],
    salary: [60_000, 78_000],
  });
  await discoverableCandidate(server.url, 'Go and PostgreSQL developer, 6 years', [
    'Go',
    'PostgreSQL',
    'Docker',
  ]);

  const candidateEmail = uniqueEmail('candidate');
  const candidateToken = await signUpThroughApi(server.url, {
    email: candidateEmail,
    name: 'Cora Lind',
    role: 'candidate',
  });
  await apiCall(
    server.url,
    'PUT',
    '/api/me/profile',
    {
      headline: 'Back-end developer: Go, MySQL, Docker',
      yearsExperience: 5,
      seniority: 'senior',
      location: { country: 'DE', city: 'Hamburg' },
      remote: 'remote',
      expectedSalary: { min: 75_000, currency: 'EUR', period: 'year' },
      skills: [
        { skill: 'Go', level: 4 },
        { skill: 'MySQL', level: 4 },
        { skill: 'Docker', level: 3 },
        { skill: 'Node.js', level: 2 },
      ],
      discoverable: true,
    },
    candidateToken,
  );

  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  await logIn(page, server.url, candidateEmail);
  await shoot(page, 'search', '/?q=enginer');
  await shoot(page, 'posting', `/jobs/${postingId}`, true);
  await shoot(page, 'profile', '/profile', true);
  await shoot(page, 'recommendations', '/recommendations');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'search-phone', '/?q=go');
  await page.setViewportSize({ width: 1280, height: 860 });

  await logIn(page, server.url, recruiterEmail);
  await shoot(page, 'recruiter-listings', '/recruiter');
  await shoot(page, 'recruiter-candidates', `/recruiter/listings/${postingId}/candidates`);
  await shoot(page, 'recruiter-edit', `/recruiter/listings/${postingId}/edit`, true);
} finally {
  await browser.close();
  await server.close();
}
