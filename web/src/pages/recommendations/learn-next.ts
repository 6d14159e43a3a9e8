import type { Recommendation, SkillRef } from '../../lib/types.ts';

export interface LearnNextItem {
  skill: SkillRef;
  /** Points the skill would add, summed over the listings that ask for it. */
  gain: number;
  listings: number;
}

/**
 * "What to learn next": the missing skills that would raise the candidate's scores the most across
 * their matches. A skill without a stated gain counts one point per listing that misses it.
 */
export function learnNext(recommendations: Recommendation[], limit = 5): LearnNextItem[] {
  const bySkill = new Map<string, LearnNextItem>();
  for (const recommendation of recommendations) {
    for (const missing of recommendation.topMissing) {
      const entry = bySkill.get(missing.skill.id) ?? { skill: missing.skill, gain: 0, listings: 0 };
      entry.gain += missing.gain ?? 1;
      entry.listings += 1;
      bySkill.set(missing.skill.id, entry);
    }
  }
  return [...bySkill.values()]
    .sort((a, b) => b.gain - a.gain || b.listings - a.listings || a.skill.name.localeCompare(b.skill.name))
    .slice(0, limit);
}
