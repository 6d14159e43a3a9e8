import type { MatchSummary, Recommendation, SkillRef } from '../../lib/types.ts';

export interface LearnNextItem {
  skill: SkillRef;
  /** How much learning the skill is worth across the matches (see `learnNext`). */
  gain: number;
  listings: number;
  /** Matches that ask for it at a higher level than the candidate has: "level up", not "missing". */
  levelUp: number;
}

/** Whether the candidate has the skill, only below the level the posting asks. */
export function isLevelUp(summary: Pick<MatchSummary, 'belowLevel'>, skill: SkillRef): boolean {
  return summary.belowLevel?.includes(skill.id) ?? false;
}

/**
 * "What to learn next" when the server does not send it: the skills most often among the top missing
 * ones of the candidate's matches. Each miss counts by how close that match already is (its score),
 * since closing a gap on a near match is what turns it into an interview.
 */
export function learnNext(recommendations: Recommendation[], limit = 5): LearnNextItem[] {
  const bySkill: Record<string, LearnNextItem> = {};
  for (const recommendation of recommendations) {
    for (const skill of recommendation.summary.topMissing) {
      const entry = (bySkill[skill.id] ??= { skill, gain: 0, listings: 0, levelUp: 0 });
      entry.gain += recommendation.score / 100;
      entry.listings += 1;
      if (isLevelUp(recommendation.summary, skill)) entry.levelUp += 1;
    }
  }
  return Object.values(bySkill)
    .sort((a, b) => b.listings - a.listings || b.gain - a.gain || a.skill.name.localeCompare(b.skill.name))
    .slice(0, limit);
}

/** "missing in 2 matches", "level up for 3 matches", or both. */
export function learnNextNote(item: LearnNextItem): string {
  const matches = (count: number) => `${count} ${count === 1 ? 'match' : 'matches'}`;
  const missing = item.listings - item.levelUp;
  const parts = [
    ...(missing > 0 ? [`missing in ${matches(missing)}`] : []),
    ...(item.levelUp > 0 ? [`level up for ${matches(item.levelUp)}`] : []),
  ];
  return parts.join('; ');
}
