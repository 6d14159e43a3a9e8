import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, postListing, signUp, type Session, type TestApp } from '../helpers/app.ts';

/** The two filters added through the filter table: visa sponsorship, and where a remote hire may live. */
describe('visa sponsorship and remote regions', () => {
  let t: TestApp;
  let recruiter: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    recruiter = await signUp(t.app, 'recruiter');
    const remote = { remote: 'remote', location: { country: 'DE', city: 'Berlin' } };
    ids.eu = (
      await postListing(t.app, recruiter, {
        ...remote,
        title: 'EU Go Engineer',
        remoteRegions: ['EU'],
        visaSponsorship: true,
      })
    ).id;
    ids.world = (
      await postListing(t.app, recruiter, {
        ...remote,
        title: 'Anywhere Go Engineer',
        remoteRegions: ['Worldwide'],
      })
    ).id;
    ids.germany = (await postListing(t.app, recruiter, { ...remote, title: 'German Go Engineer' })).id;
    ids.onsite = (await postListing(t.app, recruiter, { title: 'Onsite Go Engineer', remote: 'onsite' })).id;
    await t.adapters.queue.whenIdle(20_000);
  });
  afterAll(async () => {
    await t.close();
  });

  async function search(query: string) {
    const response = await t.app.inject({ method: 'GET', url: `/api/listings/search?${query}` });
    return { status: response.statusCode, body: response.json() };
  }
  const idsFound = async (query: string) =>
    ((await search(query)).body.items as { listing: { id: string } }[]).map((item) => item.listing.id).sort();

  it('answers the fields, canonical, on the posting', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/listings/${ids.eu}` });
    expect(response.json().listing).toMatchObject({ visaSponsorship: true, remoteRegions: ['eu'] });
    const onsite = await t.app.inject({ method: 'GET', url: `/api/listings/${ids.onsite}` });
    expect(onsite.json().listing).toMatchObject({ visaSponsorship: false, remoteRegions: [] });
  });

  it('filters by visa sponsorship, both ways', async () => {
    expect(await idsFound('visaSponsorship=true')).toEqual([ids.eu]);
    expect(await idsFound('visaSponsorship=false')).toEqual([ids.world, ids.germany, ids.onsite].sort());
  });

  it('finds remote postings open to where a person lives, by country or region', async () => {
    expect(await idsFound('remoteRegion=DE')).toEqual([ids.eu, ids.world, ids.germany].sort());
    expect(await idsFound('remoteRegion=fr')).toEqual([ids.eu, ids.world].sort());
    expect(await idsFound('remoteRegion=US')).toEqual([ids.world]);
    expect(await idsFound('remoteRegion=eu')).toEqual([ids.eu, ids.world].sort());
    expect(await idsFound('remoteRegion=US,FR')).toEqual([ids.eu, ids.world].sort());
  });

  it('counts both facets over the matching postings', async () => {
    const { body } = await search('q=go');
    expect(body.facets.visaSponsorship).toEqual({ false: 3, true: 1 });
    expect(body.facets.remoteRegion.DE).toBe(3);
    expect(body.facets.remoteRegion.eu).toBe(2);
    expect(body.facets.remoteRegion.worldwide).toBe(1);
  });

  it('refuses an unknown region in a search, and remote regions on a posting that is not remote', async () => {
    expect((await search('remoteRegion=atlantis')).status).toBe(400);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/listings/${ids.onsite}`,
      headers: recruiter.auth,
      payload: { remoteRegions: ['EU'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('/remoteRegions');
  });

  it('keeps the fields through an edit of something else', async () => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/listings/${ids.eu}`,
      headers: recruiter.auth,
      payload: { title: 'EU Go Engineer (edited)' },
    });
    expect(response.json().listing).toMatchObject({ visaSponsorship: true, remoteRegions: ['eu'] });
  });
});
