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
  roleNouns: string[];
  roleQualifiers: string[];
  roleWordsBefore: string[];
  contactWords: string[];
  legalWordsBefore: string[];
  institutionWordsAfter: string[];
  badgeWords: string[];
  companySubjects: string[];
  candidateWords: string[];
  companySectionHeadings: string[];
  roleSectionHeadings: string[];
  roleWordsAfterAbout: string[];
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
/** After a practice, a role or a team rather than a skill ("DevOps engineer", "Scrum Master"). */
export const roleNouns: ReadonlySet<string> = new Set(words.roleNouns);
/** After a code host, a contact link rather than a skill ("a GitHub profile"). */
export const contactWords: ReadonlySet<string> = new Set(words.contactWords);
/** Before a name, a legal notice ("work authorization"). */
export const legalWordsBefore: ReadonlySet<string> = new Set(words.legalWordsBefore);
/** After a name, an institution ("Data Protection Office"). */
export const institutionWordsAfter: ReadonlySet<string> = new Set(words.institutionWordsAfter);
/** Words of a partner badge ("AWS Premier Consulting Partner"). */
export const badgeWords: ReadonlySet<string> = new Set(words.badgeWords);
/** Openings of a sentence about the company ("we are a …"). */
export const companySubjects: readonly string[] = Object.freeze([...words.companySubjects]);
/** Words that make a sentence speak to the candidate after all. */
export const candidateWords: readonly string[] = Object.freeze([...words.candidateWords]);
/** Between a practice and its role noun ("agile software developer"). */
export const roleQualifiers: ReadonlySet<string> = new Set(words.roleQualifiers);
/** Before a practice, a role ("Role: DevOps", "as an SRE"). */
export const roleWordsBefore: ReadonlySet<string> = new Set(words.roleWordsBefore);
/** Headings that open a section about the company or its benefits ("About us", "What we offer"). */
export const companySectionHeadings: readonly string[] = Object.freeze([...words.companySectionHeadings]);
/** Headings that open a section about the role again ("Requirements", "Your profile", "Tech stack"). */
export const roleSectionHeadings: readonly string[] = Object.freeze([...words.roleSectionHeadings]);
/** After "About", words that make the heading about the job or the candidate ("About this role"). */
export const roleWordsAfterAbout: ReadonlySet<string> = new Set(words.roleWordsAfterAbout);
