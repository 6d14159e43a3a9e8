import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../server/seed/importer.ts';
import { createTestApp, listingBody, signUp, type TestApp } from '../helpers/app.ts';

/** The importer and the API shape listings with the same rules, so they refuse the same input alike. */
describe('importer and API agree', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'backboard-parity-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['an unknown currency', { salary: { min: 1, max: 2, currency: 'XYZ', period: 'year' } }],
    ['a title that is only spaces', { title: '      ' }],
    ['a minimum above the maximum', { salary: { min: 9, max: 1, currency: 'EUR', period: 'year' } }],
  ])('refuses %s with the same field and message, and stores nothing', async (_name, overrides) => {
    const recruiter = await signUp(t.app, 'recruiter');
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: recruiter.auth,
      payload: listingBody(overrides),
    });
    expect(answer.statusCode).toBe(400);
    const [detail] = answer.json().error.details as { path: string; message: string }[];

    const file = join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
    writeFileSync(file, JSON.stringify({ id: 'x', company: 'Parity Ltd', ...listingBody(overrides) }) + '\n');
    const before = await t.store.listings.count();
    const report = await importFile(t.store, { kind: 'postings', file });
    expect(report.skipped).toBe(1);
    expect(report.problems[0]!.reason).toBe(`${detail!.path}: ${detail!.message}`);
    expect(await t.store.listings.count()).toBe(before);
  });
});
