import { describe, expect, it } from 'vitest';
import { shapeListing, shapeListingEdit, type ListingInput } from '../../server/domain/listing.ts';
import { shapeProfile } from '../../server/domain/profile.ts';
import { AppError } from '../../server/errors.ts';

function input(overrides: Partial<ListingInput> = {}): ListingInput {
  return {
    title: '  Senior Go Engineer ',
    description: 'Build APIs.',
    location: { country: 'DE', city: ' Berlin ' },
    remote: 'hybrid',
    employmentType: 'full-time',
    seniority: 'senior',
    salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
    requiredSkills: [
      { skill: 'golang', level: 4, weight: 3 },
      { skill: 'Postgres', level: 3, weight: 2 },
      { skill: 'go', level: 2, weight: 1 },
    ],
    niceToHaveSkills: [
      { skill: 'k8s', level: 2, weight: 1 },
      { skill: 'PostgreSQL', level: 2, weight: 1 },
    ],
    ...overrides,
  };
}

function refusal(shape: () => unknown): { message: string; paths: (string | undefined)[] } {
  try {
    shape();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') {
      return { message: error.message, paths: error.details.map((detail) => detail.path) };
    }
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('shapeListing', () => {
  it('trims text, resolves skills to the taxonomy and keeps each skill once, required first', () => {
    const data = shapeListing(input());
    expect(data.title).toBe('Senior Go Engineer');
    expect(data.location).toEqual({ country: 'DE', city: 'Berlin' });
    expect(data.requiredSkills.map((r) => [r.skill.id, r.level])).toEqual([
      ['go', 4],
      ['postgresql', 3],
    ]);
    expect(data.niceToHaveSkills.map((r) => r.skill.id)).toEqual(['kubernetes']);
  });

  it.each([
    ['a title blank once trimmed', { title: '    ' }, '/title'],
    [
      'a currency without an exchange rate',
      { salary: { min: 1, max: 2, currency: 'XYZ', period: 'year' as const } },
      '/salary/currency',
    ],
    [
      'a minimum above the maximum',
      { salary: { min: 9, max: 1, currency: 'EUR', period: 'year' as const } },
      '/salary/max',
    ],
  ])('refuses %s, naming the field', (_name, overrides, path) => {
    expect(refusal(() => shapeListing(input(overrides))).paths).toEqual([path]);
  });
});

describe('shapeListingEdit', () => {
  const current = shapeListing(input());

  it('reports only the fields that change, whatever the key order of stored data', () => {
    const reordered = {
      ...current,
      salary: { period: 'year' as const, currency: 'EUR', max: 90_000, min: 70_000 },
    };
    expect(shapeListingEdit(reordered, { title: 'Senior Go Engineer' }).changed).toEqual({});
    expect(shapeListingEdit(reordered, { seniority: 'staff' }).changed).toEqual({ seniority: 'staff' });
  });

  it('re-checks the whole listing: a new minimum above the stored maximum is refused', () => {
    const salary = { min: 95_000, max: 90_000, currency: 'EUR', period: 'year' as const };
    expect(refusal(() => shapeListingEdit(current, { salary })).paths).toEqual(['/salary/max']);
  });

  it('drops a nice-to-have skill that an edit makes required', () => {
    const { changed } = shapeListingEdit(current, {
      requiredSkills: [{ skill: 'Kubernetes', level: 3, weight: 1 }],
    });
    expect(changed.requiredSkills?.map((r) => r.skill.id)).toEqual(['kubernetes']);
    expect(changed.niceToHaveSkills).toEqual([]);
  });
});

describe('shapeProfile', () => {
  it('trims, resolves skills once each and refuses an unknown currency', () => {
    const base = {
      headline: ' Backend developer ',
      yearsExperience: 5,
      seniority: null,
      location: { country: 'GB', city: ' London' },
      remote: null,
      expectedSalary: null,
      skills: [
        { skill: 'nodejs', level: 4 },
        { skill: 'Node.js', years: 2 },
      ],
      discoverable: true,
    };
    const data = shapeProfile(base);
    expect(data.headline).toBe('Backend developer');
    expect(data.location).toEqual({ country: 'GB', city: 'London' });
    expect(data.skills).toEqual([{ skill: { id: 'nodejs', name: 'Node.js' }, level: 4 }]);
    const expectedSalary = { min: 1, currency: 'XYZ', period: 'year' as const };
    expect(refusal(() => shapeProfile({ ...base, expectedSalary })).paths).toEqual([
      '/expectedSalary/currency',
    ]);
  });
});
