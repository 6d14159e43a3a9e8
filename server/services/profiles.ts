import { resolveSkill } from '../domain/skills.ts';
import { isKnownCurrency } from '../domain/currency.ts';
import { AppError } from '../errors.ts';
import type { Profile, ProfileSkill, Store } from '../adapters/store/port.ts';
import type { ProfileBody } from '../schemas/profile.ts';
import type { ChangeFeed } from './changes.ts';
import type { Viewer } from './viewer.ts';

/** Canonical skills, each once (first mention wins). */
export function resolveProfileSkills(skills: ProfileBody['skills']): ProfileSkill[] {
  const byId = new Map<string, ProfileSkill>();
  for (const entry of skills) {
    const skill = resolveSkill(entry.skill);
    if (byId.has(skill.id)) continue;
    byId.set(skill.id, 'level' in entry ? { skill, level: entry.level } : { skill, years: entry.years });
  }
  return [...byId.values()];
}

export function createProfileService(store: Store, changes: ChangeFeed) {
  return {
    async get(viewer: Viewer): Promise<Profile | null> {
      return store.profiles.findByUserId(viewer.sub);
    },

    async save(viewer: Viewer, body: ProfileBody): Promise<Profile> {
      const { version, ...data } = body;
      if (data.expectedSalary && !isKnownCurrency(data.expectedSalary.currency)) {
        throw new AppError('validation_failed', `Unknown currency ${data.expectedSalary.currency}`, [
          { path: '/expectedSalary/currency', message: 'must be a currency we have an exchange rate for' },
        ]);
      }
      const profile = await store.profiles.save(
        viewer.sub,
        {
          headline: data.headline.trim(),
          yearsExperience: data.yearsExperience,
          seniority: data.seniority,
          location: data.location,
          remote: data.remote,
          expectedSalary: data.expectedSalary,
          skills: resolveProfileSkills(data.skills),
          discoverable: data.discoverable,
        },
        version,
      );
      await changes.profileChanged(profile);
      return profile;
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
