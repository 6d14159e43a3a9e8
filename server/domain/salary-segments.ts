/**
 * The segments a salary band can be read for, the keys they are stored under, and the order a query
 * widens in when a segment is too thin. A segment is a set of dimensions: experience (one level or a
 * thin level with its neighbours), place (country, else region, else the world), and within a country
 * optionally one remote policy or one skill.
 */
import type { Region } from './currency.ts';
import { SENIORITY_RANK, candidateSeniorityRank } from './match-rules.ts';
import type { RemotePolicy, Seniority } from '../shared/vocabulary.ts';

/** The experience levels bands distinguish; `lead` is counted with `staff` (the survey has no titles). */
export const EXPERIENCE_LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];

/** Years of professional experience per level (from inclusive, to exclusive): the matcher's years rule. */
export const LEVEL_YEARS: Readonly<Record<ExperienceLevel, { min: number; max?: number }>> = {
  junior: { min: 0, max: 2 },
  mid: { min: 2, max: 5 },
  senior: { min: 5, max: 8 },
  staff: { min: 8 },
};

/** The level of someone with `years` of professional experience, by `candidateSeniorityRank`. */
export function levelForYears(years: number): ExperienceLevel {
  return EXPERIENCE_LEVELS[candidateSeniorityRank(null, years)]!;
}

/** The level a seniority is banded at: its own, `lead` at `staff`. */
export function levelForSeniority(seniority: Seniority): ExperienceLevel {
  return EXPERIENCE_LEVELS[SENIORITY_RANK[seniority]]!;
}

/**
 * A thin level widens to the levels around it before the band leaves the country, one ring at a time:
 * junior to junior–mid, then junior–senior; mid to junior–senior; senior to mid–staff; staff to
 * senior–staff, then mid–staff. A widened band still sits between the levels around it, so bands keep
 * rising (or stay level) with experience.
 */
const WIDER_LEVELS: Readonly<Record<ExperienceLevel, readonly (readonly ExperienceLevel[])[]>> = {
  junior: [
    ['junior', 'mid'],
    ['junior', 'mid', 'senior'],
  ],
  mid: [['junior', 'mid', 'senior']],
  senior: [['mid', 'senior', 'staff']],
  staff: [
    ['senior', 'staff'],
    ['mid', 'senior', 'staff'],
  ],
};

/** Every widened set of levels, once: a sample counts in each set that holds its level. */
const NEIGHBOURHOODS: readonly (readonly ExperienceLevel[])[] = [
  ...new Map(Object.values(WIDER_LEVELS).flatMap((sets) => sets.map((set) => [set.join('+'), set]))).values(),
];

export interface BandSegment {
  /** The experience levels in the segment: one, or a thin one with its neighbours. */
  levels?: ExperienceLevel[];
  country?: string;
  region?: Region;
  remote?: RemotePolicy;
  skill?: string;
}

/** What a sample contributes to segments with. */
export interface SegmentCoordinates {
  level: ExperienceLevel | null;
  country: string | null;
  region: Region | null;
  remote: RemotePolicy | null;
  skills: readonly string[];
}

/** A stable key per segment: "s=senior|c=DE|k=django"; the worldwide segment is "all". */
export function segmentKey(segment: BandSegment): string {
  const parts: string[] = [];
  if (segment.levels?.length) parts.push(`s=${segment.levels.join('+')}`);
  if (segment.country !== undefined) parts.push(`c=${segment.country}`);
  if (segment.region !== undefined) parts.push(`g=${segment.region}`);
  if (segment.remote !== undefined) parts.push(`w=${segment.remote}`);
  if (segment.skill !== undefined) parts.push(`k=${segment.skill}`);
  return parts.length === 0 ? 'all' : parts.join('|');
}

/** Whether a key is of a segment within one country (its figures are in that country's currency). */
export function isCountryKey(key: string): boolean {
  return key.startsWith('c=') || key.includes('|c=');
}

/**
 * The keys of every segment a sample counts in (as `segmentKey` writes them, built directly: this runs
 * for every sample of every recomputation). A listing change therefore touches only the segments of its
 * old and its new sample (a few dozen), which is what an incremental recomputation needs to know.
 */
export function segmentKeysOf(sample: SegmentCoordinates): string[] {
  const keys = placeKeysOf(sample);
  for (const skill of new Set(sample.skills)) keys.push(...skillKeysOf(sample.level, sample.country, skill));
  return keys;
}

/** The keys of a sample's segments that do not name a skill. */
export function placeKeysOf(sample: Omit<SegmentCoordinates, 'skills'>): string[] {
  const { level, country, region, remote } = sample;
  const keys = ['all'];
  if (region) keys.push(`g=${region}`);
  if (country) {
    keys.push(`c=${country}`);
    if (remote) keys.push(`c=${country}|w=${remote}`);
  }
  if (level) {
    const own = `s=${level}`;
    keys.push(own);
    if (region) keys.push(`${own}|g=${region}`);
    if (country) {
      const place = `${own}|c=${country}`;
      keys.push(place);
      if (remote) keys.push(`${place}|w=${remote}`);
      for (const levels of NEIGHBOURHOODS) {
        if (levels.includes(level)) keys.push(`s=${levels.join('+')}|c=${country}`);
      }
    }
  }
  return keys;
}

/** The keys of a sample's segments for one of its skills (skill segments are per country). */
export function skillKeysOf(level: ExperienceLevel | null, country: string | null, skill: string): string[] {
  if (!country) return [];
  return level
    ? [`c=${country}|k=${skill}`, `s=${level}|c=${country}|k=${skill}`]
    : [`c=${country}|k=${skill}`];
}

export interface SegmentQuery {
  level?: ExperienceLevel;
  country?: string;
  region?: Region;
  remote?: RemotePolicy;
  skill?: string;
}

/**
 * The segments a query may be answered from, narrowest first. Within the country: level × remote,
 * level × skill, level, the levels around it, then without the level (remote, skill, country);
 * then the region, with and without the level. A query naming a country never widens past its region:
 * pay across the world says little about one country. Remote policy and skill are never combined.
 */
export function wideningChain(query: SegmentQuery): BandSegment[] {
  const { level, country, region, remote, skill } = query;
  const chain: BandSegment[] = [];
  if (country !== undefined) {
    if (level !== undefined) {
      const levels = [level];
      if (remote !== undefined) chain.push({ levels, country, remote });
      if (skill !== undefined) chain.push({ levels, country, skill });
      chain.push({ levels, country });
      for (const wider of WIDER_LEVELS[level]) chain.push({ levels: [...wider], country });
    }
    if (remote !== undefined) chain.push({ country, remote });
    if (skill !== undefined) chain.push({ country, skill });
    chain.push({ country });
    if (region !== undefined) {
      if (level !== undefined) chain.push({ levels: [level], region });
      chain.push({ region });
    }
    return chain;
  }
  if (level !== undefined) chain.push({ levels: [level] });
  chain.push({});
  return chain;
}

/** Years of experience a set of levels covers: "0–4 years", "8+ years". */
export function describeYears(levels: readonly ExperienceLevel[]): string {
  const min = LEVEL_YEARS[levels[0]!].min;
  const max = LEVEL_YEARS[levels[levels.length - 1]!].max;
  return max === undefined ? `${min}+ years` : `${min}–${max - 1} years`;
}

/** A short name for a segment: "senior × DE × remote", "junior–mid × DE", "all countries". */
export function describeSegment(segment: BandSegment): string {
  const parts: string[] = [];
  if (segment.levels?.length) {
    const { levels } = segment;
    parts.push(levels.length === 1 ? levels[0]! : `${levels[0]}–${levels[levels.length - 1]}`);
  }
  parts.push(segment.country ?? segment.region ?? 'all countries');
  if (segment.remote !== undefined) parts.push(segment.remote);
  if (segment.skill !== undefined) parts.push(segment.skill);
  return parts.join(' × ');
}
