/** The profile editor's state, how it comes from a profile and goes to the API, and what it refuses. */
import { effectiveLevel } from '../../../../server/shared/levels.ts';
import { currencyFor } from '../../lib/format.ts';
import type { Problems } from '../../lib/forms/problems.ts';
import type { Amount } from '../../lib/forms/salary.ts';
import type { Profile, ProfileInput, RemotePolicy, SalaryPeriod, Seniority } from '../../lib/types.ts';

/** A skill while it is being edited: by name (the server resolves it) at a level. */
export interface EditableSkill {
  name: string;
  level: number;
}

export interface ProfileFormState {
  headline: string;
  yearsExperience: Amount;
  /** The empty string is "not set". */
  seniority: Seniority | '';
  /** An empty country is "not set", and then the location is not sent. */
  location: { country: string; city: string };
  /** The empty string is "no preference". */
  remote: RemotePolicy | '';
  /** The expected salary: a floor, not sent while empty. */
  salary: { min: Amount; currency: string; period: SalaryPeriod };
  skills: EditableSkill[];
  discoverable: boolean;
}

export type ProfileFormField = 'yearsExperience' | 'skills';

/** The server's bounds (server/schemas/profile.ts). */
const MAX_YEARS = 60;
const MAX_SKILLS = 100;
/** Skills added without a level start at working proficiency. */
const NEW_SKILL_LEVEL = 3;

/** The form for a saved profile, or an empty one for a candidate who has none yet. */
export function profileFormFrom(profile: Profile | null): ProfileFormState {
  return {
    headline: profile?.headline ?? '',
    yearsExperience: profile?.yearsExperience ?? 0,
    seniority: profile?.seniority ?? '',
    location: { country: profile?.location?.country ?? '', city: profile?.location?.city ?? '' },
    remote: profile?.remote ?? '',
    salary: {
      min: profile?.expectedSalary?.min ?? null,
      currency: profile
        ? (profile.expectedSalary?.currency ?? currencyFor(profile.location?.country))
        : 'EUR',
      period: profile?.expectedSalary?.period ?? 'year',
    },
    // A skill given in years is edited as the level those years count for.
    skills: (profile?.skills ?? []).map((entry) => ({
      name: entry.skill.name,
      level: effectiveLevel(entry),
    })),
    discoverable: profile?.discoverable ?? false,
  };
}

/** `skills` with `name` added at the end, unless it is already there in any casing. */
export function withSkill(skills: EditableSkill[], name: string, level = NEW_SKILL_LEVEL): EditableSkill[] {
  const known = skills.some((skill) => skill.name.toLowerCase() === name.toLowerCase());
  return known ? skills : [...skills, { name, level }];
}

/** The body of `PUT /api/me/profile`. */
export function profileBody(form: ProfileFormState): ProfileInput {
  const { country, city } = form.location;
  const { min, currency, period } = form.salary;
  return {
    headline: form.headline.trim(),
    yearsExperience: Number(form.yearsExperience) || 0,
    seniority: form.seniority || null,
    location: country ? { country, city: city.trim() } : null,
    remote: form.remote || null,
    expectedSalary: min && min > 0 ? { min, currency, period } : null,
    skills: form.skills.map((skill) => ({ skill: skill.name, level: skill.level })),
    discoverable: form.discoverable,
  };
}

/** What the browser's own checks cannot say, or say only on some browsers; empty when it may be sent. */
export function profileFormProblems(form: ProfileFormState): Problems<ProfileFormField> {
  const problems: Problems<ProfileFormField> = {};
  const years = form.yearsExperience ?? 0;
  if (years < 0 || years > MAX_YEARS) {
    problems.yearsExperience = `Years of experience must be between 0 and ${MAX_YEARS}.`;
  }
  if (form.skills.length > MAX_SKILLS) {
    problems.skills = `A profile holds at most ${MAX_SKILLS} skills; remove ${form.skills.length - MAX_SKILLS}.`;
  }
  return problems;
}
