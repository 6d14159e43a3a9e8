/**
 * Extraction judged against the SkillSpan annotations. Each gold knowledge span is placed in its
 * posting wherever its exact text stands as whole words, and each place counts once however often the
 * annotators listed it. Precision: the share of extracted mentions that overlap a gold place. Technology
 * recall: the share of gold places naming a technology that some extracted mention overlaps. A second
 * gold, knowledge and skill spans together, is scored for precision only: SkillSpan annotates
 * practices ("regular code reviews") as skills, and the extractor returns practices too.
 */
import { extractSkills, type ExtractedSkill } from '../../server/domain/extraction.ts';
import { allSkills, findSkillId, getSkill, skillKind } from '../../server/domain/taxonomy.ts';

export interface AnnotatedPosting {
  id: string;
  /** The data set's own split ("train", "dev"), when it has one. */
  split?: string;
  text: string;
  knowledge: string[];
  /** SkillSpan's skill spans ("Performs and accepts regular code reviews"), when the file has them. */
  skills?: string[];
}

export interface GoldPlace {
  start: number;
  end: number;
  text: string;
  technology: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * How a gold span is placed: `as-written` only in the annotators' casing; `any-case` in any casing
 * ("Java" annotated, "java" in the tag line), except names the taxonomy marks as ordinary words or as
 * counting in one casing only ("Go", "Swift", "REST"), which stay as written.
 */
export type Placement = 'as-written' | 'any-case';

const ORDINARY_OR_ONE_CASING: ReadonlySet<string> = new Set(
  allSkills().flatMap((skill) =>
    [...(skill.ambiguous ?? []), ...(skill.caseSensitive ?? [])].map((form) => form.toLowerCase()),
  ),
);

/** Every place where a gold span stands as whole words, each place once. */
export function placeGoldSpans(
  text: string,
  spans: readonly string[],
  isTechnology: (span: string) => boolean,
  placement: Placement = 'any-case',
): GoldPlace[] {
  const places = new Map<string, GoldPlace>();
  for (const span of new Set(spans.map((entry) => entry.trim()))) {
    if (span === '') continue;
    const anyCase = placement === 'any-case' && !ORDINARY_OR_ONE_CASING.has(span.toLowerCase());
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}_])${escapeRegExp(span)}(?![\\p{L}\\p{N}_])`,
      anyCase ? 'giu' : 'gu',
    );
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      places.set(`${start}:${start + span.length}`, {
        start,
        end: start + span.length,
        text: match[0],
        technology: isTechnology(span),
      });
    }
  }
  return [...places.values()];
}

/** Vendor words that O*NET puts before a product's everyday name ("Microsoft Power BI"). */
const VENDORS = /^(?:microsoft|oracle|apache|amazon|google|ibm|adobe|sap|atlassian|the)\s+/;

/**
 * What a vendor word leaves that is no product name: "Oracle Cloud" is a product, "cloud" alone is
 * not; "Microsoft Excel" leaves "excel", which is.
 */
const GENERIC_REMAINDERS: ReadonlySet<string> = new Set([
  'access',
  'analytics',
  'application',
  'applications',
  'business',
  'cloud',
  'data',
  'database',
  'design',
  'development',
  'enterprise',
  'integration',
  'inventory',
  'maintenance',
  'middleware',
  'mobile',
  'network',
  'office',
  'platform',
  'project',
  'reports',
  'security',
  'server',
  'services',
  'software',
  'storage',
  'support',
  'system',
  'systems',
  'teams',
  'testing',
  'web',
  'word',
]);

/** Lower case, spaced punctuation closed up (". NET" → ".net"), single spaces. */
function normalizeSpan(span: string): string {
  return span
    .toLowerCase()
    .replace(/\s*([.#+/])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A span names a technology when the O*NET technology list or the taxonomy (as a technology, not a
 * practice) knows it, with or without a vendor word in front. Industries, degrees, spoken languages
 * and run-on phrases ("modern programming languages") are not counted.
 */
export function technologyClassifier(onetNames: Iterable<string>): (span: string) => boolean {
  const known = new Set<string>();
  for (const name of onetNames) {
    const normalized = normalizeSpan(name);
    known.add(normalized);
    const remainder = normalized.replace(VENDORS, '');
    if (!GENERIC_REMAINDERS.has(remainder)) known.add(remainder);
  }
  return (span) => {
    const normalized = normalizeSpan(span);
    if (GENERIC_REMAINDERS.has(normalized)) return false;
    if (known.has(normalized) || known.has(normalized.replace(VENDORS, ''))) return true;
    for (const form of [span, normalized, normalized.replace(VENDORS, '')]) {
      const id = findSkillId(form);
      const skill = id === undefined ? undefined : getSkill(id);
      if (skill) return skillKind(skill) === 'technology';
    }
    return false;
  };
}

export interface ExtractionScore {
  postings: number;
  mentions: number;
  correctMentions: number;
  technologyMentions: number;
  correctTechnologyMentions: number;
  practiceMentions: number;
  correctPracticeMentions: number;
  /** The same three counts against knowledge and skill spans together. */
  correctMentionsWithSkills: number;
  correctTechnologyMentionsWithSkills: number;
  correctPracticeMentionsWithSkills: number;
  technologyPlaces: number;
  foundTechnologyPlaces: number;
  /** Extracted mentions that overlap no gold place: "text → skill" with a count. */
  falsePositives: Map<string, number>;
  /** Technology places no mention overlaps, by span text. */
  misses: Map<string, number>;
}

function overlaps(mention: ExtractedSkill, place: GoldPlace): boolean {
  return mention.start < place.end && place.start < mention.end;
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function scoreExtraction(
  postings: readonly AnnotatedPosting[],
  isTechnology: (span: string) => boolean,
  placement: Placement = 'any-case',
): ExtractionScore {
  const score: ExtractionScore = {
    postings: postings.length,
    mentions: 0,
    correctMentions: 0,
    technologyMentions: 0,
    correctTechnologyMentions: 0,
    practiceMentions: 0,
    correctPracticeMentions: 0,
    correctMentionsWithSkills: 0,
    correctTechnologyMentionsWithSkills: 0,
    correctPracticeMentionsWithSkills: 0,
    technologyPlaces: 0,
    foundTechnologyPlaces: 0,
    falsePositives: new Map(),
    misses: new Map(),
  };
  for (const posting of postings) {
    const mentions = extractSkills(posting.text);
    const places = placeGoldSpans(posting.text, posting.knowledge, isTechnology, placement);
    const skillPlaces = placeGoldSpans(posting.text, posting.skills ?? [], () => false, placement);
    for (const mention of mentions) {
      const correct = places.some((place) => overlaps(mention, place));
      const correctWithSkills = correct || skillPlaces.some((place) => overlaps(mention, place));
      score.mentions += 1;
      if (correct) score.correctMentions += 1;
      else count(score.falsePositives, `${mention.text} → ${mention.skill.id}`);
      if (correctWithSkills) score.correctMentionsWithSkills += 1;
      if (mention.kind === 'technology') {
        score.technologyMentions += 1;
        if (correct) score.correctTechnologyMentions += 1;
        if (correctWithSkills) score.correctTechnologyMentionsWithSkills += 1;
      } else {
        score.practiceMentions += 1;
        if (correct) score.correctPracticeMentions += 1;
        if (correctWithSkills) score.correctPracticeMentionsWithSkills += 1;
      }
    }
    for (const place of places) {
      if (!place.technology) continue;
      score.technologyPlaces += 1;
      if (mentions.some((mention) => overlaps(mention, place))) score.foundTechnologyPlaces += 1;
      else count(score.misses, place.text);
    }
  }
  return score;
}
