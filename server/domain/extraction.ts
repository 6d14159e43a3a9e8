/**
 * Skill extraction from free text: strip hidden characters, find candidate mentions, confirm ambiguous
 * names by context, then read stated years into levels. The steps live in the `extraction-*` modules.
 */
import type { SkillRef } from './skill-ref.ts';
import type { SkillKind } from './taxonomy.ts';
import { levelFromYears } from '../shared/levels.ts';
import { confirmAmbiguous } from './extraction-context.ts';
import { dropNonRequirements } from './extraction-boilerplate.ts';
import { findCandidateMentions } from './extraction-mentions.ts';
import { originalOffset, stripHidden } from './extraction-clean-text.ts';
import { attachYears } from './extraction-years.ts';

/** One mention of a taxonomy skill in free text; offsets index the original, unstripped string. */
export interface ExtractedSkill {
  skill: SkillRef;
  start: number;
  end: number;
  text: string;
  /** A technology, or a practice (agile, code review, TDD), so technology requirements stay apart. */
  kind: SkillKind;
  /** Present when the text states years of use ("5+ years of Python"), mapped by `levelFromYears`. */
  level?: number;
}

/**
 * Every taxonomy skill mentioned in `text`, in order, with offsets into the original string. Hidden
 * characters are stripped first; ambiguous words ("go", "spring", "R") need context to count. Runs in
 * time linear in the text length: one left-to-right trie walk bounded by the longest alias.
 */
export function extractSkills(text: string): ExtractedSkill[] {
  const clean = stripHidden(text);
  const mentions = dropNonRequirements(clean, confirmAmbiguous(clean, findCandidateMentions(clean)));
  const years = attachYears(clean, mentions);
  return mentions.map((mention) => {
    const start = originalOffset(clean, mention.start);
    const end = originalOffset(clean, mention.end - 1) + 1;
    const stated = years.get(mention);
    const extracted: ExtractedSkill = {
      skill: mention.term.skill,
      start,
      end,
      text: text.slice(start, end),
      kind: mention.term.kind,
    };
    if (stated !== undefined) extracted.level = levelFromYears(stated);
    return extracted;
  });
}

/** Each extracted skill once, with the highest level stated for it: what a pasted CV offers to confirm. */
export function distinctExtractedSkills(
  mentions: readonly ExtractedSkill[],
): { skill: SkillRef; level?: number }[] {
  const bySkill = new Map<string, { skill: SkillRef; level?: number }>();
  for (const mention of mentions) {
    const current = bySkill.get(mention.skill.id) ?? { skill: mention.skill };
    if (mention.level !== undefined && (current.level === undefined || mention.level > current.level)) {
      current.level = mention.level;
    }
    bySkill.set(mention.skill.id, current);
  }
  return [...bySkill.values()];
}
