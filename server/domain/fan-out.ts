/**
 * Fan-out matching: top K candidates for a posting (or top K postings for a candidate) without scoring
 * every pair one object at a time. Skills live in inverted indexes (CSR: one offsets array and one
 * typed array of entries per index); a query walks only the lists of the requested skills, their
 * implying skills and their related skills, then scores the touched rows with the same rules as
 * `scoreCandidate` — same operations in the same order, so the same numbers to the last bit.
 */
import { effectiveLevel } from './levels.ts';
import {
  LOCATION_POINTS,
  REMOTE_CODES,
  SALARY_POINTS,
  SENIORITY_POINTS,
  SENIORITY_RANK,
  candidateSeniorityRank,
  cityKey,
  clampRequirementLevel,
  countryKey,
  impliedCredit,
  levelCredit,
  locationPoints,
  niceToHavePoints,
  relatedCredit,
  requiredPoints,
  requirementWeight,
  salaryPoints,
  seniorityPoints,
  totalScore,
  totalWeight,
  type LocationFit,
  type RemotePolicy,
} from './match-rules.ts';
import { annualUsdOrNaN, type MatchPosting, type MatchProfile, type Requirement } from './matching.ts';
import { allSkills, getSkill, impliedSkillIds } from './taxonomy.ts';

export interface RankedMatch {
  id: string;
  score: number;
}

/** Ids compare by UTF-16 code units, so ties break the same way everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LOCATION_FITS: readonly LocationFit[] = [
  'remote-job',
  'same-city',
  'same-country',
  'other-country',
  'unknown',
];
const FIT_REMOTE_JOB = 0;
const FIT_SAME_CITY = 1;
const FIT_SAME_COUNTRY = 2;
const FIT_OTHER_COUNTRY = 3;
const FIT_UNKNOWN = 4;
const PREFERENCES: readonly (RemotePolicy | null)[] = [null, 'onsite', 'hybrid', 'remote'];
/** The most points a row can earn outside the skill terms. */
const NON_SKILL_POINTS = SENIORITY_POINTS + LOCATION_POINTS + SALARY_POINTS;

/** Interns strings to small integers. */
class Interner {
  private readonly ids = new Map<string, number>();
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return id;
  }
  lookup(value: string): number {
    return this.ids.get(value) ?? -1;
  }
  get size(): number {
    return this.ids.size;
  }
}

/** Compressed sparse rows: the entries of list `key` are `rows[offsets[key]..offsets[key + 1])`. */
interface InvertedIndex {
  offsets: Int32Array;
  rows: Int32Array;
  levels: Uint8Array;
}

function buildInvertedIndex(
  keyCount: number,
  entries: { key: number; row: number; level: number }[],
): InvertedIndex {
  const offsets = new Int32Array(keyCount + 1);
  for (const entry of entries) offsets[entry.key + 1]! += 1;
  for (let key = 0; key < keyCount; key++) offsets[key + 1]! += offsets[key]!;
  const fill = offsets.slice(0, keyCount);
  const rows = new Int32Array(entries.length);
  const levels = new Uint8Array(entries.length);
  for (const entry of entries) {
    const at = fill[entry.key]!++;
    rows[at] = entry.row;
    levels[at] = entry.level;
  }
  return { offsets, rows, levels };
}

/** Bounded min-heap of (score, row) keeping the best K; a lower score, then a higher row, is worse. */
class TopK {
  readonly scores: Float64Array;
  readonly rows: Int32Array;
  size = 0;
  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }
  private worse(i: number, j: number): boolean {
    const a = this.scores[i]!;
    const b = this.scores[j]!;
    return a < b || (a === b && this.rows[i]! > this.rows[j]!);
  }
  private swap(i: number, j: number): void {
    const score = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = score;
    const row = this.rows[i]!;
    this.rows[i] = this.rows[j]!;
    this.rows[j] = row;
  }
  /** Whether (score, row) would enter a full heap. */
  wouldEnter(score: number, row: number): boolean {
    if (this.size < this.capacity) return true;
    const minScore = this.scores[0]!;
    return score > minScore || (score === minScore && row < this.rows[0]!);
  }
  /** The lowest score that could still enter, or -Infinity while the heap has room. */
  threshold(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0]!;
  }
  offer(score: number, row: number): void {
    if (this.capacity === 0 || !this.wouldEnter(score, row)) return;
    let at: number;
    if (this.size < this.capacity) {
      at = this.size++;
      this.scores[at] = score;
      this.rows[at] = row;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.worse(at, parent)) break;
        this.swap(at, parent);
        at = parent;
      }
      return;
    }
    this.scores[0] = score;
    this.rows[0] = row;
    at = 0;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let worst = at;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (right < this.size && this.worse(right, worst)) worst = right;
      if (worst === at) break;
      this.swap(at, worst);
      at = worst;
    }
  }
  /** Best first, ties by row ascending (rows are in id order). */
  sorted(): { score: number; row: number }[] {
    const result: { score: number; row: number }[] = [];
    for (let index = 0; index < this.size; index++)
      result.push({ score: this.scores[index]!, row: this.rows[index]! });
    return result.sort((a, b) => b.score - a.score || a.row - b.row);
  }
}

/** Credit for levels 0–5 under one rule, from the shared functions (index 0 unused). */
function creditTable(credit: (level: number) => number): Float64Array {
  const table = new Float64Array(6);
  for (let level = 1; level <= 5; level++) table[level] = credit(level);
  return table;
}

/** Skills whose `related` list names `id`, with the similarity as listed there. */
let relatedToCache: Map<string, { id: string; similarity: number }[]> | undefined;
function skillsRelatedTo(id: string): readonly { id: string; similarity: number }[] {
  if (!relatedToCache) {
    relatedToCache = new Map();
    for (const skill of allSkills()) {
      for (const related of skill.related) {
        const list = relatedToCache.get(related.id) ?? [];
        list.push({ id: skill.id, similarity: related.similarity });
        relatedToCache.set(related.id, list);
      }
    }
  }
  return relatedToCache.get(id) ?? [];
}

/** A profile's skills by id at their best level, and the skills they imply at the best implying level. */
function profileSkillLevels(profile: MatchProfile): {
  own: Map<string, number>;
  implied: Map<string, number>;
} {
  const own = new Map<string, number>();
  for (const entry of profile.skills) {
    const level = effectiveLevel(entry);
    if (level > (own.get(entry.skill.id) ?? 0)) own.set(entry.skill.id, level);
  }
  const implied = new Map<string, number>();
  for (const [id, level] of own) {
    for (const impliedId of impliedSkillIds(id)) {
      if (level > (implied.get(impliedId) ?? 0)) implied.set(impliedId, level);
    }
  }
  return { own, implied };
}

function remoteCode(preference: RemotePolicy | null): number {
  return preference === null ? 0 : REMOTE_CODES[preference];
}

export interface ProfileIndex {
  readonly size: number;
  /** Typed-array bytes held by the index (not counting the id strings). */
  readonly byteLength: number;
  topCandidates(posting: MatchPosting, k: number): RankedMatch[];
}

/**
 * Index over candidate profiles for "best candidates for this posting". Profiles without skills are
 * left out: `scoreCandidate` gives them no score.
 */
export function createProfileIndex(profiles: { id: string; profile: MatchProfile }[]): ProfileIndex {
  const rows = profiles
    .filter((entry) => entry.profile.skills.length > 0)
    .sort((a, b) => compareIds(a.id, b.id));
  const count = rows.length;
  const skillIds = new Interner();
  const places = new Interner();
  const ownEntries: { key: number; row: number; level: number }[] = [];
  const impliedEntries: { key: number; row: number; level: number }[] = [];
  const seniorityRank = new Uint8Array(count);
  const countryId = new Int32Array(count);
  const cityId = new Int32Array(count);
  const preference = new Uint8Array(count);
  const expectedUsd = new Float64Array(count);

  rows.forEach(({ profile }, row) => {
    const { own, implied } = profileSkillLevels(profile);
    for (const [id, level] of own) ownEntries.push({ key: skillIds.intern(id), row, level });
    for (const [id, level] of implied) impliedEntries.push({ key: skillIds.intern(id), row, level });
    seniorityRank[row] = candidateSeniorityRank(profile.seniority, profile.yearsExperience);
    const country = profile.location === null ? '' : countryKey(profile.location.country);
    const city = profile.location === null ? '' : cityKey(profile.location.city);
    countryId[row] = country === '' ? -1 : places.intern(`country:${country}`);
    cityId[row] = country === '' || city === '' ? -1 : places.intern(`city:${country}|${city}`);
    preference[row] = remoteCode(profile.remote);
    const expected = profile.expectedSalary;
    expectedUsd[row] = annualUsdOrNaN(
      expected && { amount: expected.min, currency: expected.currency, period: expected.period },
    );
  });
  const ownIndex = buildInvertedIndex(skillIds.size, ownEntries);
  const impliedIndex = buildInvertedIndex(skillIds.size, impliedEntries);

  // Scratch space reused by every query.
  const best = new Float64Array(count);
  const stamp = new Int32Array(count);
  const requirementRows = new Int32Array(count);
  const requiredCredit = new Float64Array(count);
  const niceCredit = new Float64Array(count);
  const touched = new Uint8Array(count);
  const touchedRows = new Int32Array(count);
  let currentStamp = 0;

  const byteLength = [
    ownIndex.offsets,
    ownIndex.rows,
    ownIndex.levels,
    impliedIndex.offsets,
    impliedIndex.rows,
    impliedIndex.levels,
    seniorityRank,
    countryId,
    cityId,
    preference,
    expectedUsd,
    best,
    stamp,
    requirementRows,
    requiredCredit,
    niceCredit,
    touched,
    touchedRows,
  ].reduce((sum, array) => sum + array.byteLength, 0);

  function topCandidates(posting: MatchPosting, k: number): RankedMatch[] {
    const top = new TopK(Math.max(0, Math.min(k, count)));
    if (top.capacity === 0) return [];
    let touchedCount = 0;

    const scanList = (
      index: InvertedIndex,
      skillId: string,
      credits: Float64Array,
      listLength: { n: number },
    ) => {
      const key = skillIds.lookup(skillId);
      if (key < 0) return;
      const end = index.offsets[key + 1]!;
      for (let at = index.offsets[key]!; at < end; at++) {
        const row = index.rows[at]!;
        const credit = credits[index.levels[at]!]!;
        if (stamp[row] !== currentStamp) {
          stamp[row] = currentStamp;
          best[row] = credit;
          requirementRows[listLength.n++] = row;
        } else if (credit > best[row]!) {
          best[row] = credit;
        }
      }
    };

    const accumulate = (requirements: Requirement[], into: Float64Array) => {
      for (const requirement of requirements) {
        currentStamp++;
        const minimum = clampRequirementLevel(requirement.level);
        const weight = requirementWeight(requirement.weight);
        const skillId = requirement.skill.id;
        const listLength = { n: 0 };
        scanList(
          ownIndex,
          skillId,
          creditTable((level) => levelCredit(level, minimum)),
          listLength,
        );
        scanList(
          impliedIndex,
          skillId,
          creditTable((level) => impliedCredit(level, minimum)),
          listLength,
        );
        for (const related of getSkill(skillId)?.related ?? []) {
          const credits = creditTable((level) => relatedCredit(related.similarity, level, minimum));
          scanList(ownIndex, related.id, credits, listLength);
        }
        for (let at = 0; at < listLength.n; at++) {
          const row = requirementRows[at]!;
          // Same expression and order as scoreCandidate: credit += weight × best credit, per requirement.
          into[row]! += weight * best[row]!;
          if (touched[row] === 0) {
            touched[row] = 1;
            touchedRows[touchedCount++] = row;
          }
        }
      }
    };

    accumulate(posting.requiredSkills, requiredCredit);
    accumulate(posting.niceToHaveSkills, niceCredit);

    const requiredTotal = totalWeight(posting.requiredSkills);
    const niceTotal = totalWeight(posting.niceToHaveSkills);
    const postingRank = SENIORITY_RANK[posting.seniority];
    const seniorityByRank = [0, 1, 2, 3].map((rank) => seniorityPoints(postingRank, rank));
    const locationTable = LOCATION_FITS.map((fit) =>
      PREFERENCES.map((remote) => locationPoints(posting.remote, fit, remote)),
    );
    const postingCountry = places.lookup(`country:${countryKey(posting.location.country)}`);
    const postingCityKey = cityKey(posting.location.city);
    const postingCity =
      postingCityKey === ''
        ? -2
        : places.lookup(`city:${countryKey(posting.location.country)}|${postingCityKey}`);
    const postingMaxUsd = annualUsdOrNaN({
      amount: posting.salary.max,
      currency: posting.salary.currency,
      period: posting.salary.period,
    });

    const scoreRow = (row: number): number => {
      let fit: number;
      if (posting.remote === 'remote') fit = FIT_REMOTE_JOB;
      else if (countryId[row] === -1) fit = FIT_UNKNOWN;
      else if (countryId[row] !== postingCountry) fit = FIT_OTHER_COUNTRY;
      else fit = cityId[row] === postingCity ? FIT_SAME_CITY : FIT_SAME_COUNTRY;
      return totalScore(
        requiredPoints(requiredCredit[row]!, requiredTotal),
        niceToHavePoints(niceCredit[row]!, niceTotal),
        seniorityByRank[seniorityRank[row]!]!,
        locationTable[fit]![preference[row]!]!,
        salaryPoints(postingMaxUsd, expectedUsd[row]!),
      );
    };

    for (let at = 0; at < touchedCount; at++) {
      const row = touchedRows[at]!;
      // Skip rows that cannot reach the heap even with every non-skill point.
      const skillPoints =
        requiredPoints(requiredCredit[row]!, requiredTotal) + niceToHavePoints(niceCredit[row]!, niceTotal);
      if (skillPoints + NON_SKILL_POINTS + 0.05 < top.threshold()) continue;
      top.offer(scoreRow(row), row);
    }
    // Rows no requirement touched have skill credit 0; they matter only if they could still enter.
    const untouchedBound =
      requiredPoints(0, requiredTotal) + niceToHavePoints(0, niceTotal) + NON_SKILL_POINTS;
    if (untouchedBound + 0.05 >= top.threshold()) {
      for (let row = 0; row < count; row++) if (touched[row] === 0) top.offer(scoreRow(row), row);
    }

    for (let at = 0; at < touchedCount; at++) {
      const row = touchedRows[at]!;
      touched[row] = 0;
      requiredCredit[row] = 0;
      niceCredit[row] = 0;
    }
    return top.sorted().map(({ score, row }) => ({ id: rows[row]!.id, score }));
  }

  return { size: count, byteLength, topCandidates };
}

export interface ListingIndex {
  readonly size: number;
  readonly byteLength: number;
  topListings(profile: MatchProfile, k: number): RankedMatch[];
}

/**
 * Index over postings for "best postings for this candidate". Each requirement is a slot; skill ids
 * point to the slots that ask for them. A profile without skills gets no recommendations.
 */
export function createListingIndex(listings: { id: string; posting: MatchPosting }[]): ListingIndex {
  const rows = [...listings].sort((a, b) => compareIds(a.id, b.id));
  const count = rows.length;
  const skillIds = new Interner();
  const slotStart = new Int32Array(count + 1);
  const slotEntries: { key: number; row: number; level: number }[] = [];
  const slotLevels: number[] = [];
  const slotWeights: number[] = [];
  const slotRequired: number[] = [];
  const requiredTotal = new Float64Array(count);
  const niceTotal = new Float64Array(count);
  const postingRank = new Uint8Array(count);
  const postingMaxUsd = new Float64Array(count);
  const alwaysScored: number[] = [];

  rows.forEach(({ posting }, row) => {
    for (const [list, required] of [
      [posting.requiredSkills, 1],
      [posting.niceToHaveSkills, 0],
    ] as const) {
      for (const requirement of list) {
        const slot = slotLevels.length;
        slotLevels.push(clampRequirementLevel(requirement.level));
        slotWeights.push(requirementWeight(requirement.weight));
        slotRequired.push(required);
        slotEntries.push({ key: skillIds.intern(requirement.skill.id), row: slot, level: 0 });
      }
    }
    slotStart[row + 1] = slotLevels.length;
    requiredTotal[row] = totalWeight(posting.requiredSkills);
    niceTotal[row] = totalWeight(posting.niceToHaveSkills);
    postingRank[row] = SENIORITY_RANK[posting.seniority];
    postingMaxUsd[row] = annualUsdOrNaN({
      amount: posting.salary.max,
      currency: posting.salary.currency,
      period: posting.salary.period,
    });
    // With nothing required every candidate earns the required points, so such postings always compete.
    if (posting.requiredSkills.length === 0) alwaysScored.push(row);
  });
  const slotsBySkill = buildInvertedIndex(skillIds.size, slotEntries);
  const slotCount = slotLevels.length;
  const slotLevel = Uint8Array.from(slotLevels);
  const slotWeight = Float64Array.from(slotWeights);
  const slotIsRequired = Uint8Array.from(slotRequired);
  const slotRow = new Int32Array(slotCount);
  for (let row = 0; row < count; row++) slotRow.fill(row, slotStart[row]!, slotStart[row + 1]!);

  const best = new Float64Array(slotCount);
  const touched = new Uint8Array(count);
  const touchedRows = new Int32Array(count);

  const byteLength = [
    slotStart,
    slotsBySkill.offsets,
    slotsBySkill.rows,
    slotsBySkill.levels,
    slotLevel,
    slotWeight,
    slotIsRequired,
    slotRow,
    requiredTotal,
    niceTotal,
    postingRank,
    postingMaxUsd,
    best,
    touched,
    touchedRows,
  ].reduce((sum, array) => sum + array.byteLength, 0);

  function topListings(profile: MatchProfile, k: number): RankedMatch[] {
    const top = new TopK(Math.max(0, Math.min(k, count)));
    if (top.capacity === 0 || profile.skills.length === 0) return [];
    let touchedCount = 0;
    const touchedSlots: number[] = [];

    const creditSlots = (skillId: string, credit: (minimum: number) => number) => {
      const key = skillIds.lookup(skillId);
      if (key < 0) return;
      const end = slotsBySkill.offsets[key + 1]!;
      for (let at = slotsBySkill.offsets[key]!; at < end; at++) {
        const slot = slotsBySkill.rows[at]!;
        const value = credit(slotLevel[slot]!);
        if (value > best[slot]!) {
          if (best[slot] === 0) touchedSlots.push(slot);
          best[slot] = value;
        }
      }
    };

    const { own, implied } = profileSkillLevels(profile);
    for (const [id, level] of own) {
      creditSlots(id, (minimum) => levelCredit(level, minimum));
      for (const related of skillsRelatedTo(id)) {
        creditSlots(related.id, (minimum) => relatedCredit(related.similarity, level, minimum));
      }
    }
    for (const [id, level] of implied) creditSlots(id, (minimum) => impliedCredit(level, minimum));

    for (const slot of touchedSlots) {
      const row = slotRow[slot]!;
      if (touched[row] === 0) {
        touched[row] = 1;
        touchedRows[touchedCount++] = row;
      }
    }
    for (const row of alwaysScored) {
      if (touched[row] === 0) {
        touched[row] = 1;
        touchedRows[touchedCount++] = row;
      }
    }

    const candidateRank = candidateSeniorityRank(profile.seniority, profile.yearsExperience);
    const expected = profile.expectedSalary;
    const expectedUsd = annualUsdOrNaN(
      expected && { amount: expected.min, currency: expected.currency, period: expected.period },
    );
    const country = profile.location === null ? '' : countryKey(profile.location.country);
    const city = profile.location === null ? '' : cityKey(profile.location.city);

    const scoreRow = (row: number): number => {
      let requiredCredit = 0;
      let niceCredit = 0;
      for (let slot = slotStart[row]!; slot < slotStart[row + 1]!; slot++) {
        // Same expression and order as scoreCandidate.
        if (slotIsRequired[slot] === 1) requiredCredit += slotWeight[slot]! * best[slot]!;
        else niceCredit += slotWeight[slot]! * best[slot]!;
      }
      const posting = rows[row]!.posting;
      let fit: LocationFit;
      if (posting.remote === 'remote') fit = 'remote-job';
      else if (country === '') fit = 'unknown';
      else if (country !== countryKey(posting.location.country)) fit = 'other-country';
      else fit = city !== '' && city === cityKey(posting.location.city) ? 'same-city' : 'same-country';
      return totalScore(
        requiredPoints(requiredCredit, requiredTotal[row]!),
        niceToHavePoints(niceCredit, niceTotal[row]!),
        seniorityPoints(postingRank[row]!, candidateRank),
        locationPoints(posting.remote, fit, profile.remote),
        salaryPoints(postingMaxUsd[row]!, expectedUsd),
      );
    };

    for (let at = 0; at < touchedCount; at++) top.offer(scoreRow(touchedRows[at]!), touchedRows[at]!);
    // Untouched postings ask for at least one skill and get no skill credit at all.
    const untouchedBound = NICE_TO_HAVE_POINTS_IF_NONE + NON_SKILL_POINTS;
    if (untouchedBound + 0.05 >= top.threshold()) {
      for (let row = 0; row < count; row++) if (touched[row] === 0) top.offer(scoreRow(row), row);
    }

    for (const slot of touchedSlots) best[slot] = 0;
    for (let at = 0; at < touchedCount; at++) touched[touchedRows[at]!] = 0;
    return top.sorted().map(({ score, row }) => ({ id: rows[row]!.id, score }));
  }

  return { size: count, byteLength, topListings };
}

/** An untouched posting still earns the nice-to-have points when it lists none. */
const NICE_TO_HAVE_POINTS_IF_NONE = niceToHavePoints(0, 0);
