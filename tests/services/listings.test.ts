import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { listingBody, profileBody } from '../helpers/app.ts';
import { createTestServices, type TestServices } from '../helpers/services.ts';

/** The listing rules, straight through the service over in-memory ports (no HTTP). */
describe('listing service', () => {
  let t: TestServices;
  beforeEach(async () => {
    t = await createTestServices();
  });
  afterEach(async () => {
    await t.close();
  });

  const code = async (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error instanceof AppError ? error.code : String(error)),
    );

  it('lets only a recruiter with a company post, owned by that company, and announces it', async () => {
    const candidate = await t.viewer('candidate');
    expect(await code(t.services.listings.create(candidate, listingBody()))).toBe('forbidden');
    const recruiter = await t.viewer('recruiter', 'Globex');
    const listing = await t.services.listings.create(recruiter, listingBody());
    expect(listing).toMatchObject({ companyId: recruiter.companyId, company: 'Globex', version: 1 });
    expect(t.announced).toEqual([`listing ${listing.id} v1`]);
  });

  it('shows a closed listing only to its company (and admins)', async () => {
    const recruiter = await t.viewer('recruiter');
    const listing = await t.services.listings.create(recruiter, listingBody());
    await t.services.listings.setStatus(recruiter, listing.id, 'closed');
    expect(await code(t.services.listings.findVisible(null, listing.id))).toBe('not_found');
    expect(await code(t.services.listings.findVisible(await t.viewer('recruiter'), listing.id))).toBe(
      'not_found',
    );
    expect((await t.services.listings.findVisible(recruiter, listing.id)).status).toBe('closed');
    const admin = { sub: 'admin-1', role: 'admin' as const, companyId: null };
    expect((await t.services.listings.findVisible(admin, listing.id)).status).toBe('closed');
  });

  it('refuses an edit from another company and a stale version, changing nothing', async () => {
    const recruiter = await t.viewer('recruiter');
    const listing = await t.services.listings.create(recruiter, listingBody());
    expect(
      await code(t.services.listings.update(await t.viewer('recruiter'), listing.id, { title: 'Hijacked' })),
    ).toBe('forbidden');
    await t.services.listings.update(recruiter, listing.id, { title: 'Edited once', version: 1 });
    expect(
      await code(t.services.listings.update(recruiter, listing.id, { title: 'Stale', version: 1 })),
    ).toBe('version_conflict');
    expect((await t.store.listings.findById(listing.id))?.title).toBe('Edited once');
  });

  it('re-checks the whole listing on an edit: a new minimum above the stored maximum is refused', async () => {
    const recruiter = await t.viewer('recruiter');
    const listing = await t.services.listings.create(recruiter, listingBody());
    const salary = { min: 500_000, max: 90_000, currency: 'EUR', period: 'year' as const };
    expect(await code(t.services.listings.update(recruiter, listing.id, { salary }))).toBe(
      'validation_failed',
    );
    expect((await t.store.listings.findById(listing.id))?.version).toBe(1);
  });

  it('writes nothing for an edit that changes nothing: same version, nothing announced', async () => {
    const recruiter = await t.viewer('recruiter');
    const body = listingBody();
    const listing = await t.services.listings.create(recruiter, body);
    t.announced.length = 0;
    const edits = [
      {},
      { title: `  ${listing.title}  ` }, // the same once trimmed
      { requiredSkills: body.requiredSkills },
      { version: 1 },
      { salary: { ...listing.salary } },
    ];
    for (const edit of edits) {
      const answer = await t.services.listings.update(recruiter, listing.id, edit as never);
      expect(answer.version, JSON.stringify(edit)).toBe(1);
    }
    expect(t.announced).toEqual([]);
    const stored = await t.store.listings.findById(listing.id);
    expect(stored).toMatchObject({ version: 1, updatedAt: listing.updatedAt });
    // A stale version is still refused, change or not; a real change still lands.
    await t.services.listings.update(recruiter, listing.id, { title: 'Renamed' });
    expect(await code(t.services.listings.update(recruiter, listing.id, { version: 1 }))).toBe(
      'version_conflict',
    );
    expect(t.announced).toEqual([`listing ${listing.id} v2`]);
  });

  it('writes nothing when a profile is saved as it is', async () => {
    const candidate = await t.viewer('candidate');
    const body = profileBody();
    const first = await t.services.profiles.save(candidate, body as never);
    t.announced.length = 0;
    const again = await t.services.profiles.save(candidate, {
      ...body,
      headline: ` ${body.headline} `,
    } as never);
    expect(again).toMatchObject({ version: first.version, updatedAt: first.updatedAt });
    expect(t.announced).toEqual([]);
    const changed = await t.services.profiles.save(candidate, { ...body, yearsExperience: 9 } as never);
    expect(changed.version).toBe(first.version + 1);
    expect(t.announced).toEqual([`profile ${first.id} v${first.version + 1}`]);
  });
});
