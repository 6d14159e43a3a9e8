/** The word lists that skill extraction reads context with, from `data/extraction-words.json`. */
import wordsData from './data/extraction-words.json' with { type: 'json' };

interface ExtractionWordsFile {
  cuesBefore: string[];
  cuesBeforePreposition: string[];
  prepositions: string[];
  cuesAfter: string[];
  listConnectors: string[];
  yearsFillerWords: string[];
  numberWords: Record<string, number>;
}

const words = wordsData as ExtractionWordsFile;

/** Right before an ambiguous name, these say it is the technology ("using Go"). */
export const cuesBefore: ReadonlySet<string> = new Set(words.cuesBefore);
/** Followed by a preposition and the name, these say so ("experience in Go", "years of Rust"). */
export const cuesBeforePreposition: ReadonlySet<string> = new Set(words.cuesBeforePreposition);
export const prepositions: ReadonlySet<string> = new Set(words.prepositions);
/** Right after an ambiguous name, these say it is the technology ("Go developers"). */
export const cuesAfter: ReadonlySet<string> = new Set(words.cuesAfter);
/** Words that may join the items of one list, besides punctuation ("Python, Go and Rust"). */
export const listConnectors: readonly string[] = Object.freeze([...words.listConnectors]);
/** Words that may stand between stated years and their skills ("5+ years of professional Python"). */
export const yearsFillerWords: ReadonlySet<string> = new Set(words.yearsFillerWords);
/** Years written as words ("three years of Go"). */
export const numberWords: ReadonlyMap<string, number> = new Map(Object.entries(words.numberWords));
