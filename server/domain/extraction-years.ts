/** Levels from stated years: "5+ years of Python and Django", "Java: 7 years", "three years of Go". */
import { inOneList } from './extraction-context.ts';
import type { CleanText } from './extraction-clean-text.ts';
import type { CandidateMention } from './extraction-mentions.ts';
import { numberWords, yearsFillerWords } from './extraction-words.ts';

// No number word is a prefix of another today; longest first keeps it so if one ever is ("twenty-five").
const numberWordPattern = [...numberWords.keys()].sort((a, b) => b.length - a.length).join('|');
const yearsNumber = String.raw`(\d{1,2}(?:\.\d)?|${numberWordPattern})`;
// Each optional token carries the whitespace after it, so no two whitespace runs stand side by side: a
// number followed by a long run of spaces and no "years" fails in one pass instead of trying every way
// to share the run between them (which took cubic time).
const yearsPhrase = String.raw`${yearsNumber}\s*(?:(?:\+|plus)\s*)?(?:(?:-|–|to)\s*\d{1,2}\s*)?(?:\+\s*)?(?:years?|yrs?)\b`;
/** "5+ years of Python", "3-5 years experience with Go": years stated before the skills they apply to. */
const yearsBeforeSkill = new RegExp(yearsPhrase, 'g');
/** "Python (5+ years)", "Java: 3 yrs": years stated right after a skill. */
const yearsAfterSkill = new RegExp(String.raw`[ \t]*(?:[(:\-–,][ \t]*)?${yearsPhrase}`, 'y');

function parseYears(token: string): number {
  return numberWords.get(token) ?? Number.parseFloat(token);
}

function isFillerGap(gap: string): boolean {
  if (gap.length > 60 || /[^a-z\s,:-]/.test(gap)) return false;
  const words = gap.split(/[\s,:]+/).filter((word) => word !== '');
  return words.every((word) => yearsFillerWords.has(word));
}

/** Attaches stated years to the mentions they describe, as a level. */
export function attachYears(clean: CleanText, mentions: CandidateMention[]): Map<CandidateMention, number> {
  const years = new Map<CandidateMention, number>();
  const { lower } = clean;
  // Years right after a skill belong to it, so they are not read again as years before the next one.
  const usedPhraseEnds = new Set<number>();
  for (const mention of mentions) {
    yearsAfterSkill.lastIndex = mention.end;
    const after = yearsAfterSkill.exec(lower);
    if (!after) continue;
    years.set(mention, parseYears(after[1] as string));
    usedPhraseEnds.add(mention.end + after[0].length);
  }
  let next = 0;
  for (const match of lower.matchAll(yearsBeforeSkill)) {
    const phraseEnd = (match.index ?? 0) + match[0].length;
    if (usedPhraseEnds.has(phraseEnd)) continue;
    while (next < mentions.length && (mentions[next] as CandidateMention).start < phraseEnd) next++;
    const first = mentions[next];
    if (!first || years.has(first) || !isFillerGap(lower.slice(phraseEnd, first.start))) continue;
    const value = parseYears(match[1] as string);
    years.set(first, value);
    for (let index = next + 1; index < mentions.length; index++) {
      const mention = mentions[index] as CandidateMention;
      if (years.has(mention) || !inOneList(clean, mentions[index - 1] as CandidateMention, mention)) break;
      years.set(mention, value);
    }
  }
  return years;
}
