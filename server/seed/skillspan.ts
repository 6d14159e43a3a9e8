import type { EmploymentType, RemotePolicy, Seniority } from '../adapters/store/port.ts';
import { SENIORITIES } from '../shared/vocabulary.ts';
import { countryInfo } from '../domain/currency.ts';
import { extractSkills } from '../domain/extraction.ts';
import type { SkillRef } from '../domain/skill-ref.ts';
import { findSkillId, getSkill } from '../domain/taxonomy.ts';

/**
 * Reading the SkillSpan postings (Stack Overflow Jobs, 2021; MIT, see NOTICE.md) into listing fields.
 * Their `text` is one sentence a line with tokens joined by spaces ("department ."), personal data
 * replaced by placeholders (`<ORGANIZATION>`), and a header of Stack Overflow's labels ("Experience
 * level:", "Technologies") that is sometimes on its own lines and sometimes run into one line.
 */

export interface SkillSpanPosting {
  id: string;
  title: string;
  text: string;
}

export interface PostingSkill {
  skill: SkillRef;
  /** Stated as years in the text and mapped to a level, when it was. */
  level?: number;
}

export interface ReadPosting {
  sourceId: string;
  title: string;
  /** Markdown: the body joined back into paragraphs, lists and headings, placeholders in brackets. */
  description: string;
  /** Taxonomy skills from the posting's "Technologies" tags (the employer's own tagging). */
  tagSkills: SkillRef[];
  /** Skills the skills engine finds in the body, split by whether the sentence makes them optional. */
  mentionedSkills: { required: PostingSkill[]; niceToHave: PostingSkill[] };
  seniority: Seniority | undefined;
  remote: RemotePolicy | undefined;
  employmentType: EmploymentType | undefined;
  /** Only when the header names one ("<LOCATION> - GB"); the annotators removed the rest. */
  country: string | undefined;
  /** The header's "Compensation:" range, when it gives one in a currency with an unambiguous symbol. */
  compensation: { min: number; max: number; currency: string } | undefined;
}

const HEADER_LABELS = [
  'Date posted:',
  'Likes:',
  'Job description:',
  'Compensation:',
  'Location options:',
  'Job type:',
  'Experience level:',
  'Role:',
  'Industry:',
  'Company size:',
  'Company type:',
];
const headerLabelPattern = new RegExp(
  `(${HEADER_LABELS.map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
  'g',
);

/** Header fields by label, from the part of the text before the body. */
function headerFields(header: string): Map<string, string> {
  const fields = new Map<string, string>();
  const matches = [...header.matchAll(headerLabelPattern)];
  matches.forEach((match, index) => {
    const start = match.index + match[0].length;
    const end = matches[index + 1]?.index ?? header.length;
    fields.set(match[0], header.slice(start, end).replace(/\s+/g, ' ').trim());
  });
  return fields;
}

const PLACEHOLDER_WORDS: Readonly<Record<string, string>> = {
  ORGANIZATION: 'company',
  LOCATION: 'location',
  ADDRESS: 'address',
  NAME: 'name',
  CONTACT: 'contact',
  URL: 'link',
  EMAIL: 'contact',
  PHONE: 'contact',
  SALARY: 'salary',
};

/**
 * Runs of one placeholder become one bracketed word ("<ORGANIZATION> <ORGANIZATION>" → "[company]"),
 * escaped so markdown shows the brackets; readers see that a name was removed, not a broken sentence.
 */
export function replacePlaceholders(text: string): string {
  return text.replace(/<([A-Z_]+)>(?:\s*<\1>)*/g, (_match, kind: string) => {
    return `\\[${PLACEHOLDER_WORDS[kind] ?? 'removed'}\\]`;
  });
}

/** Undoes the tokenisation: no space before closing punctuation or after an opening bracket. */
export function detokenize(text: string): string {
  return text
    .replace(/(^|\s)\.\s+(NET)\b/gi, '$1.$2')
    .replace(/\s+([,;:!?%)\]’]|\.(?!NET\b))/g, '$1')
    .replace(/([([‘])\s+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const OPTIONAL_CONTEXT =
  /\b(nice to have|nice-to-have|a plus|an advantage|advantageous|bonus|ideally|preferred|preferable|desirable|beneficial|would be great|optional)\b/i;

/** A short line without closing punctuation reads as a section heading ("Requirements", "Your tasks:"). */
function isHeading(line: string): boolean {
  return line.length <= 60 && !/[.!?,;]$/.test(line) && line.split(' ').length <= 8 && /^[A-Z]/.test(line);
}

const SENTENCES_PER_PARAGRAPH = 3;

interface BodyReading {
  markdown: string;
  required: PostingSkill[];
  niceToHave: PostingSkill[];
}

/** Turns the body's lines into markdown and collects the skills each line mentions, with its context. */
function readBody(sections: { heading: string | undefined; text: string }[]): BodyReading {
  const blocks: string[] = [];
  const required = new Map<string, PostingSkill>();
  const niceToHave = new Map<string, PostingSkill>();
  for (const section of sections) {
    if (section.heading) blocks.push(`## ${section.heading}`);
    let paragraph: string[] = [];
    let list: string[] = [];
    let optionalSection = false;
    const flush = () => {
      if (paragraph.length > 0) blocks.push(paragraph.join(' '));
      if (list.length > 0) blocks.push(list.join('\n'));
      paragraph = [];
      list = [];
    };
    // Some postings run a bulleted list into one line: " * one * two".
    const lines = section.text.split('\n').flatMap((line) => line.split(/\s(?=[*•]\s)/));
    for (const rawLine of lines) {
      const line = detokenize(rawLine);
      if (line === '' || /^[*•-]$/.test(line)) {
        flush();
        continue;
      }
      const plain = line.replace(/<[A-Z_]+>/g, ' ');
      const optional = optionalSection || OPTIONAL_CONTEXT.test(plain);
      for (const mention of extractSkills(plain)) {
        const target = optional ? niceToHave : required;
        const current = target.get(mention.skill.id);
        if (!current) target.set(mention.skill.id, { skill: mention.skill, level: mention.level });
        else if (mention.level !== undefined && (current.level ?? 0) < mention.level)
          current.level = mention.level;
      }
      const text = replacePlaceholders(line);
      const bullet = /^[*•-]\s+(.*)$/.exec(text);
      if (bullet) {
        if (paragraph.length > 0) flush();
        list.push(`- ${bullet[1]}`);
      } else if (isHeading(line)) {
        flush();
        optionalSection = OPTIONAL_CONTEXT.test(line);
        blocks.push(`**${text.replace(/:$/, '')}**`);
      } else {
        if (list.length > 0) flush();
        paragraph.push(text);
        if (paragraph.length >= SENTENCES_PER_PARAGRAPH) flush();
      }
    }
    flush();
  }
  for (const id of required.keys()) niceToHave.delete(id);
  const strip = (entries: Map<string, PostingSkill>) =>
    [...entries.values()].map((entry) => (entry.level === undefined ? { skill: entry.skill } : entry));
  return { markdown: blocks.join('\n\n'), required: strip(required), niceToHave: strip(niceToHave) };
}

/** A Stack Overflow tag ("amazon-web-services", "symfony2", "net-core") as a taxonomy skill, if any. */
export function skillForTag(tag: string): SkillRef | undefined {
  const forms = [tag, tag.replace(/-/g, ' '), tag.replace(/\d+$/, '')];
  for (const form of forms) {
    const id = form === '' ? undefined : findSkillId(form);
    const skill = id === undefined ? undefined : getSkill(id);
    if (skill) return { id: skill.id, name: skill.name };
  }
  return undefined;
}

const SENIORITY_ORDER: readonly Seniority[] = SENIORITIES;

function seniorityFromTitle(title: string): Seniority | undefined {
  if (/\b(lead|principal|head of|manager|director|architect)\b/i.test(title)) return 'lead';
  if (/\bstaff\b/i.test(title)) return 'staff';
  if (/\b(senior|sr\.?)(?=\s|$)/i.test(title)) return 'senior';
  if (/\b(junior|jr\.?|graduate|entry[- ]level|trainee)(?=\s|$)/i.test(title)) return 'junior';
  return undefined;
}

/** "Mid-Level Senior": the highest level the header names (the posting reaches up to it). */
function seniorityFromLevels(levels: string | undefined): Seniority | undefined {
  if (!levels) return undefined;
  const named: Seniority[] = [];
  if (/\bJunior\b/.test(levels)) named.push('junior');
  if (/\bMid-Level\b/.test(levels)) named.push('mid');
  if (/\bSenior\b/.test(levels)) named.push('senior');
  if (/\b(Lead|Manager)\b/.test(levels)) named.push('lead');
  return named.sort((a, b) => SENIORITY_ORDER.indexOf(b) - SENIORITY_ORDER.indexOf(a))[0];
}

function remoteFrom(locationOptions: string | undefined, body: string): RemotePolicy | undefined {
  if (locationOptions && /\bRemote\b/.test(locationOptions)) return 'remote';
  if (/\b(fully remote|remote[- ]first|100 ?% remote|remote only|work from anywhere)\b/i.test(body))
    return 'remote';
  if (
    /\b(hybrid|home office|work(ing)? from home|wfh|remote work(ing)?|partly remote|remote days?)\b/i.test(
      body,
    )
  )
    return 'hybrid';
  return undefined;
}

function employmentFrom(jobType: string | undefined, title: string): EmploymentType | undefined {
  if (/\bintern(ship)?\b/i.test(title) || /Internship/.test(jobType ?? '')) return 'internship';
  if (/Contract/.test(jobType ?? '')) return 'contract';
  if (/Part-time/.test(jobType ?? '')) return 'part-time';
  if (/Full-time/.test(jobType ?? '')) return 'full-time';
  return undefined;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { '£': 'GBP', '€': 'EUR', $: 'USD' };

/** "£40k - 50k", "€50k - 65k | Equity"; "kr" (SEK, NOK or DKK?) and "Equity" alone give nothing. */
export function compensationFrom(text: string | undefined): ReadPosting['compensation'] {
  const match = /([£€$])\s?(\d+(?:\.\d+)?)k\s*[-–]\s*(\d+(?:\.\d+)?)k/.exec(text ?? '');
  if (!match) return undefined;
  const min = Number(match[2]) * 1000;
  const max = Number(match[3]) * 1000;
  if (!(min > 0) || max < min) return undefined;
  return { min, max, currency: CURRENCY_SYMBOLS[match[1]!]! };
}

/** The posting title without the header and placeholders that some records run into it. */
export function cleanTitle(title: string): string {
  const cut = title.split(/\s<[A-Z_]+>|\sDate posted:/)[0] ?? '';
  const cleaned = detokenize(cut.replace(/<[A-Z_]+>/g, ' '))
    .replace(/\s*\([^)]*$/, '')
    .replace(/(\s+(at|in|for|with))+$/i, '')
    .replace(/[\s\-–|,:]+$/, '')
    .replace(/^[\s\-–|,:]+/, '');
  return cleaned.length >= 3 ? cleaned.slice(0, 200) : 'Software Engineer';
}

/** Everything Backboard reads from one SkillSpan posting. Pure and deterministic. */
export function readSkillSpanPosting(posting: SkillSpanPosting): ReadPosting {
  const text = posting.text;
  const technologies = /(?:^|\s)Technologies\s+([^\n]*?)\s+Job description(?!:)\s/.exec(text);
  let bodyStart: number;
  let headerEnd: number;
  if (technologies) {
    headerEnd = technologies.index;
    bodyStart = technologies.index + technologies[0].length;
  } else {
    const label = [...text.matchAll(/Job description(?!:)\s/g)].at(-1);
    headerEnd = label?.index ?? 0;
    bodyStart = label ? label.index + label[0].length : text.indexOf('\n') + 1;
  }
  const header = headerFields(text.slice(0, headerEnd));
  const tagSkills = new Map<string, SkillRef>();
  for (const tag of (technologies?.[1] ?? '').split(/\s+/)) {
    const skill = tag === '' ? undefined : skillForTag(tag);
    if (skill) tagSkills.set(skill.id, skill);
  }

  const body = text.slice(bodyStart);
  const sections: { heading: string | undefined; text: string }[] = [];
  const trailing = /\n?\s*(Job benefits:|Company description:)\s*/g;
  let from = 0;
  let heading: string | undefined;
  for (const match of body.matchAll(trailing)) {
    sections.push({ heading, text: body.slice(from, match.index) });
    heading = match[1] === 'Job benefits:' ? 'Benefits' : 'About the company';
    from = match.index + match[0].length;
  }
  sections.push({ heading, text: body.slice(from) });
  const reading = readBody(sections);

  const title = cleanTitle(posting.title);
  const countryCode = /<LOCATION>\s+-\s+([A-Z]{2})\b/.exec(text.slice(0, Math.max(headerEnd, 400)))?.[1];
  return {
    sourceId: posting.id,
    title,
    description: reading.markdown,
    tagSkills: [...tagSkills.values()],
    mentionedSkills: { required: reading.required, niceToHave: reading.niceToHave },
    seniority: seniorityFromTitle(title) ?? seniorityFromLevels(header.get('Experience level:')),
    remote: remoteFrom(header.get('Location options:'), body),
    employmentType: employmentFrom(header.get('Job type:'), title),
    country: countryCode && countryInfo(countryCode) ? countryCode : undefined,
    compensation: compensationFrom(header.get('Compensation:')),
  };
}
