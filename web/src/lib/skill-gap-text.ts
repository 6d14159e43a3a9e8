/**
 * The words beside each skill of a gap. The candidate reads them about themselves ("you know Go"); a
 * company reads them about the candidate ("they know Go").
 */
import { LEVEL_LABEL } from './format.ts';
import type { SkillGapEntry } from './types.ts';

export type GapReader = 'candidate' | 'company';

function words(reader: GapReader) {
  return reader === 'candidate'
    ? { subject: 'you', have: 'you have', possessive: 'your' }
    : { subject: 'they', have: 'they have', possessive: 'their' };
}

function levelName(level: number): string {
  return LEVEL_LABEL[level]?.toLowerCase() ?? `level ${level}`;
}

/** "level up: needs advanced, you have working", or just what the posting needs. */
export function gapLevelText(item: SkillGapEntry, reader: GapReader): string {
  const need = `needs ${levelName(item.requiredLevel)}`;
  // With `via`, the level is that of the related or implying skill, which gapViaText names.
  if (item.candidateLevel && !item.via) {
    const have = `${words(reader).have} ${levelName(item.candidateLevel)}`;
    return item.match === 'below-level' ? `level up: ${need}, ${have}` : `${need}, ${have}`;
  }
  return need;
}

/** How a related skill earns credit: "implied by your Django", "they know Express, which is close". */
export function gapViaText(item: SkillGapEntry, reader: GapReader): string {
  if (!item.via) return '';
  const { subject, possessive } = words(reader);
  if (item.match === 'implied') return `implied by ${possessive} ${item.via.name}`;
  if (item.relation === 'language') return `via ${item.via.name}, its language`;
  if (item.relation === 'platform') return `via ${item.via.name}, one of its languages`;
  if (item.relation === 'neighbour') return `via ${item.via.name}, a tool of the same kind`;
  return `${subject} know ${item.via.name}, which is close`;
}

/** The short form of `gapViaText` in compact lists: "(they know Express)". */
export function gapViaShort(item: SkillGapEntry, reader: GapReader): string {
  return item.via ? `(${words(reader).subject} know ${item.via.name})` : '';
}

/** What learning a missing skill is worth: "+12 points if you learn it". */
export function gapGainText(impact: number, reader: GapReader): string {
  return `+${Math.round(impact)} points if ${words(reader).subject} learn it`;
}
