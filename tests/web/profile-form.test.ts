import { describe, expect, it } from 'vitest';
import {
  profileBody,
  profileFormFrom,
  profileFormProblems,
  withSkill,
} from '../../web/src/pages/profile/profile-form.ts';
import { aProfile } from './factories.ts';

describe('the profile form model', () => {
  it('starts a candidate without a profile from an empty, private form', () => {
    const form = profileFormFrom(null);
    expect(form).toMatchObject({
      seniority: '',
      location: { country: '', city: '' },
      remote: '',
      salary: { min: null, currency: 'EUR', period: 'year' },
      skills: [],
      discoverable: false,
    });
    expect(profileBody(form)).toEqual({
      headline: '',
      yearsExperience: 0,
      seniority: null,
      location: null,
      remote: null,
      expectedSalary: null,
      skills: [],
      discoverable: false,
    });
  });

  it('edits a skill given in years at the level those years count for, and sends levels back', () => {
    const form = profileFormFrom(aProfile());
    expect(form.skills).toEqual([
      { name: 'PostgreSQL', level: 4 },
      { name: 'Go', level: 4 },
    ]);
    expect(profileBody(form)).toEqual({
      headline: 'Back-end developer',
      yearsExperience: 6,
      seniority: 'senior',
      location: { country: 'GB', city: 'Leeds' },
      remote: 'hybrid',
      expectedSalary: { min: 65_000, currency: 'GBP', period: 'year' },
      skills: [
        { skill: 'PostgreSQL', level: 4 },
        { skill: 'Go', level: 4 },
      ],
      discoverable: true,
    });
  });

  it("starts the salary in the currency of the candidate's country when none is saved", () => {
    expect(profileFormFrom(aProfile({ expectedSalary: null })).salary).toEqual({
      min: null,
      currency: 'GBP',
      period: 'year',
    });
  });

  it('does not send an empty or zero salary, an emptied years field, or a city without a country', () => {
    const form = profileFormFrom(aProfile());
    form.salary.min = 0;
    form.yearsExperience = null;
    form.location = { country: '', city: 'Leeds' };
    expect(profileBody(form)).toMatchObject({ expectedSalary: null, yearsExperience: 0, location: null });
  });

  it('adds a skill once, whatever its casing, at working proficiency unless told', () => {
    const skills = withSkill([], 'Kafka');
    expect(skills).toEqual([{ name: 'Kafka', level: 3 }]);
    expect(withSkill(skills, 'kafka', 5)).toBe(skills);
    expect(withSkill(skills, 'Go', 5)).toEqual([
      { name: 'Kafka', level: 3 },
      { name: 'Go', level: 5 },
    ]);
  });

  it('refuses years outside 0–60 and more skills than a profile holds', () => {
    const form = profileFormFrom(aProfile());
    expect(profileFormProblems(form)).toEqual({});
    form.yearsExperience = 61;
    form.skills = Array.from({ length: 102 }, (_, index) => ({ name: `Skill ${index}`, level: 3 }));
    expect(profileFormProblems(form)).toEqual({
      yearsExperience: 'Years of experience must be between 0 and 60.',
      skills: 'A profile holds at most 100 skills; remove 2.',
    });
  });
});
