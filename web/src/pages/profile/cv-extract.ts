import type { ExtractedSkill, SkillRef } from '../../lib/types.ts';

/** One skill found in a pasted CV, as the review lists it. */
export interface FoundSkill {
  skill: SkillRef;
  mentions: string[];
  level: number;
  /** Ticked to be added: skills already on the profile start unticked. */
  chosen: boolean;
  /** The profile already lists this skill. */
  onProfile: boolean;
}

/**
 * The mentions grouped by skill, with the highest stated level, marking those the profile has.
 * `known` holds the profile's skill names, which the server answers in their canonical form.
 */
export function groupFoundSkills(items: ExtractedSkill[], known: readonly string[]): FoundSkill[] {
  const byId: Record<string, FoundSkill> = {};
  for (const item of items) {
    const entry = byId[item.skill.id];
    if (entry) {
      if (!entry.mentions.includes(item.text)) entry.mentions.push(item.text);
      if (item.level && item.level > entry.level) entry.level = item.level;
      continue;
    }
    const onProfile = known.some((name) => name.toLowerCase() === item.skill.name.toLowerCase());
    byId[item.skill.id] = {
      skill: item.skill,
      mentions: [item.text],
      level: item.level ?? 3,
      chosen: !onProfile,
      onProfile,
    };
  }
  return Object.values(byId);
}
