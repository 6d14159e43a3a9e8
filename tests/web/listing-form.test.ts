import { describe, expect, it } from 'vitest';
import {
  bandPreviewInput,
  NICE_TO_HAVE_HINT,
  skillEvidenceWarning,
  emptyListingForm,
  listingBody,
  listingFormFrom,
  listingFormProblems,
  listingPatch,
} from '../../web/src/pages/recruiter/listing-form.ts';
import { aListing } from './factories.ts';

describe('the listing form model', () => {
  it('starts a new listing from defaults, with no version', () => {
    expect(emptyListingForm()).toMatchObject({
      location: { country: 'DE', city: '' },
      salary: { min: null, max: null, currency: 'EUR', period: 'year' },
      requiredSkills: [],
      version: null,
    });
  });

  it('comes back to the same body it was loaded from', () => {
    const listing = aListing();
    expect(listingBody(listingFormFrom(listing))).toEqual({
      title: 'Senior Go engineer',
      description: 'Build **payment rails**.',
      location: { country: 'NL', city: 'Amsterdam' },
      remote: 'remote',
      employmentType: 'contract',
      seniority: 'senior',
      salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
      requiredSkills: [{ skill: 'Go', level: 4, weight: 2 }],
      niceToHaveSkills: [{ skill: 'Kafka', level: 2, weight: 1 }],
      visaSponsorship: false,
      remoteRegions: ['eu', 'GB'],
    });
  });

  it('sends remote regions and typed countries for a remote posting only, and names a bad code', () => {
    const form = listingFormFrom(aListing({ remoteRegions: ['worldwide'] }));
    form.remoteCountries = 'de, us;xx';
    expect(listingBody(form).remoteRegions).toEqual(['worldwide', 'DE', 'US', 'XX']);
    expect(listingFormProblems(form).remoteCountries).toBe(
      'XX is not a two-letter country code (e.g. DE, US).',
    );
    form.remote = 'hybrid';
    expect(listingBody(form).remoteRegions).toEqual([]);
    expect(listingFormProblems(form).remoteCountries).toBeUndefined();
  });

  it('trims the title and city, and reads an emptied weight as the usual weight of 1', () => {
    const form = emptyListingForm();
    form.title = '  Platform engineer ';
    form.location.city = ' Berlin ';
    form.salary = { min: 60_000, max: 80_000, currency: 'EUR', period: 'year' };
    form.requiredSkills = [{ name: 'Kubernetes', level: 3, weight: null as unknown as number }];
    expect(listingBody(form)).toMatchObject({
      title: 'Platform engineer',
      location: { city: 'Berlin' },
      requiredSkills: [{ skill: 'Kubernetes', level: 3, weight: 1 }],
    });
  });

  it('sends the version it was loaded at with an edit, so a concurrent edit is refused', () => {
    expect(listingPatch(listingFormFrom(aListing({ version: 7 })))).toMatchObject({ version: 7 });
    expect(listingPatch(emptyListingForm())).not.toHaveProperty('version');
  });

  it('refuses a short title and a maximum below the minimum, and nothing else', () => {
    const form = emptyListingForm();
    form.title = 'Go';
    form.salary.min = 90_000;
    form.salary.max = 70_000;
    expect(listingFormProblems(form)).toEqual({
      title: 'Give the listing a title of at least 3 characters.',
      salary: 'The maximum must be at least the minimum.',
    });
    expect(listingFormProblems(listingFormFrom(aListing()))).toEqual({});
  });

  it('asks the live band for exactly the fields the saved posting’s band is computed from', () => {
    const form = listingFormFrom(aListing());
    expect(bandPreviewInput(form)).toEqual({
      seniority: 'senior',
      location: { country: 'NL' },
      remote: 'remote',
      salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
      requiredSkills: [{ skill: 'Go', level: 4, weight: 2 }],
    });
    form.salary.max = null;
    form.requiredSkills.push({ name: '  ', level: 3, weight: 1 });
    expect(bandPreviewInput(form)).toMatchObject({ salary: { max: 0 }, requiredSkills: [{ skill: 'Go' }] });
    form.location.country = 'Netherlands';
    expect(bandPreviewInput(form)).toBeNull();
  });
});

describe('the listing form warns while a listing asks for too few skills', () => {
  const withSkills = (names: string[]) => ({
    ...emptyListingForm(),
    requiredSkills: names.map((name) => ({ name, level: 3, weight: 1 })),
  });

  it('warns with none or one required skill and stops from two', () => {
    expect(skillEvidenceWarning(withSkills([]))).toMatch(/no required skills/);
    expect(skillEvidenceWarning(withSkills(['Go']))).toMatch(/only 1 required skill.*50%/);
    expect(skillEvidenceWarning(withSkills(['Go', 'PostgreSQL']))).toBeUndefined();
  });

  it('describes nice-to-haves as the bonus the score gives', () => {
    expect(NICE_TO_HAVE_HINT).toMatch(/bonus of up to 10 points.*nobody is penalised/);
  });
});
