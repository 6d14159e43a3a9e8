/**
 * Fan-out matching: top K candidates for a posting (or top K postings for a candidate) without scoring
 * every pair one object at a time. Skills live in inverted indexes (CSR: one offsets array and one
 * typed array of entries per index); a query walks only the lists of the requested skills, their
 * implying skills and their related skills, then scores the touched rows with the same rules as
 * `scoreCandidate` — same operations in the same order, so the same numbers to the last bit.
 */
import { effectiveLevel } from '../shared/levels.ts';
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

/** Postings collected while building an index, as parallel arrays. */
class PostingBuilder {
  readonly keys: number[] = [];
  readonly rows: number[] = [];
  readonly levels: number[] = [];
  add(key: number, row: number, level: number): void {
    this.keys.push(key);
    this.rows.push(row);
    this.levels.push(level);
  }
}

/**
 * Compressed sparse rows: the entries of list `key` are `entries[offsets[key]..offsets[key + 1])`, each
 * packed as row × 8 + level so one sequential read yields both.
 */
interface InvertedIndex {
  offsets: Int32Array;
  entries: Int32Array;
}

function buildInvertedIndex(keyCount: number, postings: PostingBuilder): InvertedIndex {
  const offsets = new Int32Array(keyCount + 1);
  for (const key of postings.keys) offsets[key + 1]! += 1;
  for (let key = 0; key < keyCount; key++) offsets[key + 1]! += offsets[key]!;
  const fill = offsets.slice(0, keyCount);
  const entries = new Int32Array(postings.keys.length);
  postings.keys.forEach((key, at) => {
    entries[fill[key]!++] = postings.rows[at]! * 8 + postings.levels[at]!;
  });
  return { offsets, entries };
}

/**
 * Walks one list, keeping per row the best credit code for the current requirement. Codes index a
 * per-requirement palette of credits sorted ascending (0 = no credit), so a byte compare is a credit
 * compare and the scratch array stays small enough for the cache. Rows seen for the first time are
 * appended to `listRows`; returns its new length.
 */
function scanList(
  index: InvertedIndex,
  key: number,
  codes: Uint8Array,
  best: Uint8Array,
  listRows: Int32Array,
  listLength: number,
): number {
  if (key < 0) return listLength;
  const { offsets, entries } = index;
  const end = offsets[key + 1]!;
  let length = listLength;
  for (let at = offsets[key]!; at < end; at++) {
    const entry = entries[at]!;
    const row = entry >> 3;
    const code = codes[entry & 7]!;
    const previous = best[row]!;
    if (previous === 0) {
      best[row] = code;
      listRows[length++] = row;
    } else if (code > previous) {
      best[row] = code;
    }
  }
  return length;
}

/** The credits one requirement can give, by level, for each list that can give them. */
interface RequirementPalette {
  /** Distinct credits ascending, index 0 = 0. */
  credits: Float64Array;
  exact: Uint8Array;
  implied: Uint8Array;
  related: { id: string; codes: Uint8Array }[];
}

function requirementPalette(skillId: string, minimum: number): RequirementPalette {
  const exact = creditTable((level) => levelCredit(level, minimum));
  const implied = creditTable((level) => impliedCredit(level, minimum));
  const related = (getSkill(skillId)?.related ?? []).map((entry) => ({
    id: entry.id,
    table: creditTable((level) => relatedCredit(entry.similarity, level, minimum)),
  }));
  const values = new Set<number>([0]);
  for (const table of [exact, implied, ...related.map((entry) => entry.table)]) {
    for (let level = 1; level <= 5; level++) values.add(table[level]!);
  }
  const credits = Float64Array.from([...values].sort((a, b) => a - b));
  const codeOf = new Map<number, number>();
  credits.forEach((credit, code) => codeOf.set(credit, code));
  const toCodes = (table: Float64Array) => {
    const codes = new Uint8Array(8);
    for (let level = 1; level <= 5; level++) codes[level] = codeOf.get(table[level]!)!;
    return codes;
  };
  return {
    credits,
    exact: toCodes(exact),
    implied: toCodes(implied),
    related: related.map((entry) => ({ id: entry.id, codes: toCodes(entry.table) })),
  };
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
  const ownEntries = new PostingBuilder();
  const impliedEntries = new PostingBuilder();
  const seniorityRank = new Uint8Array(count);
  const countryId = new Int32Array(count);
  const cityId = new Int32Array(count);
  const preference = new Uint8Array(count);
  const expectedUsd = new Float64Array(count);

  rows.forEach(({ profile }, row) => {
    const { own, implied } = profileSkillLevels(profile);
    for (const [id, level] of own) ownEntries.add(skillIds.intern(id), row, level);
    for (const [id, level] of implied) impliedEntries.add(skillIds.intern(id), row, level);
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
  const best = new Uint8Array(count);
  const requirementRows = new Int32Array(count);
  const requiredCredit = new Float64Array(count);
  const niceCredit = new Float64Array(count);

  const byteLength = [
    ownIndex.offsets,
    ownIndex.entries,
    impliedIndex.offsets,
    impliedIndex.entries,
    seniorityRank,
    countryId,
    cityId,
    preference,
    expectedUsd,
    best,
    requirementRows,
    requiredCredit,
    niceCredit,
  ].reduce((sum, array) => sum + array.byteLength, 0);

  function topCandidates(posting: MatchPosting, k: number): RankedMatch[] {
    const top = new TopK(Math.max(0, Math.min(k, count)));
    if (top.capacity === 0) return [];

    const accumulate = (requirements: Requirement[], into: Float64Array) => {
      for (const requirement of requirements) {
        const weight = requirementWeight(requirement.weight);
        const skillId = requirement.skill.id;
        const palette = requirementPalette(skillId, clampRequirementLevel(requirement.level));
        const key = skillIds.lookup(skillId);
        let length = scanList(ownIndex, key, palette.exact, best, requirementRows, 0);
        length = scanList(impliedIndex, key, palette.implied, best, requirementRows, length);
        for (const related of palette.related) {
          const relatedKey = skillIds.lookup(related.id);
          length = scanList(ownIndex, relatedKey, related.codes, best, requirementRows, length);
        }
        const credits = palette.credits;
        for (let at = 0; at < length; at++) {
          const row = requirementRows[at]!;
          // Same expression and order as scoreCandidate: credit += weight × best credit, per requirement.
          into[row]! += weight * credits[best[row]!]!;
          best[row] = 0;
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

    const scoreRow = (row: number, required: number, nice: number): number => {
      let fit: number;
      if (posting.remote === 'remote') fit = FIT_REMOTE_JOB;
      else if (countryId[row] === -1) fit = FIT_UNKNOWN;
      else if (countryId[row] !== postingCountry) fit = FIT_OTHER_COUNTRY;
      else fit = cityId[row] === postingCity ? FIT_SAME_CITY : FIT_SAME_COUNTRY;
      return totalScore(
        requiredPoints(required, requiredTotal),
        niceToHavePoints(nice, niceTotal),
        seniorityByRank[seniorityRank[row]!]!,
        locationTable[fit]![preference[row]!]!,
        salaryPoints(postingMaxUsd, expectedUsd[row]!),
      );
    };

    // One sequential sweep (cheaper than jumping between touched rows): skip every row whose skill
    // points plus all non-skill points cannot reach the current K-th score, and clear the scratch.
    // The bound only filters, so it may use multiplications instead of the exact divisions, with a margin.
    const requiredScale = requiredTotal > 0 ? requiredPoints(1, requiredTotal) : 0;
    const niceScale = niceTotal > 0 ? niceToHavePoints(1, niceTotal) : 0;
    const boundBase =
      requiredPoints(0, requiredTotal) + niceToHavePoints(0, niceTotal) + NON_SKILL_POINTS + 0.05 + 1e-6;
    let threshold = top.threshold();
    for (let row = 0; row < count; row++) {
      const required = requiredCredit[row]!;
      const nice = niceCredit[row]!;
      requiredCredit[row] = 0;
      niceCredit[row] = 0;
      if (required * requiredScale + nice * niceScale + boundBase < threshold) continue;
      top.offer(scoreRow(row, required, nice), row);
      threshold = top.threshold();
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
  const slotEntries = new PostingBuilder();
  const slotLevels: number[] = [];
  const slotWeights: number[] = [];
  const slotRequired: number[] = [];
  const requiredTotal = new Float64Array(count);
  const niceTotal = new Float64Array(count);
  const postingRank = new Uint8Array(count);
  const postingMaxUsd = new Float64Array(count);
  const postingPolicy = new Uint8Array(count);
  const postingCountry = new Int32Array(count);
  const postingCity = new Int32Array(count);
  const places = new Interner();
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
        slotEntries.add(skillIds.intern(requirement.skill.id), slot, 0);
      }
    }
    slotStart[row + 1] = slotLevels.length;
    requiredTotal[row] = totalWeight(posting.requiredSkills);
    niceTotal[row] = totalWeight(posting.niceToHaveSkills);
    postingRank[row] = SENIORITY_RANK[posting.seniority];
    postingPolicy[row] = REMOTE_CODES[posting.remote];
    const country = countryKey(posting.location.country);
    const city = cityKey(posting.location.city);
    postingCountry[row] = places.intern(`country:${country}`);
    postingCity[row] = city === '' ? -2 : places.intern(`city:${country}|${city}`);
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
    slotsBySkill.entries,
    slotLevel,
    slotWeight,
    slotIsRequired,
    slotRow,
    requiredTotal,
    niceTotal,
    postingRank,
    postingMaxUsd,
    postingPolicy,
    postingCountry,
    postingCity,
    best,
    touched,
    touchedRows,
  ].reduce((sum, array) => sum + array.byteLength, 0);

  function topListings(profile: MatchProfile, k: number): RankedMatch[] {
    const top = new TopK(Math.max(0, Math.min(k, count)));
    if (top.capacity === 0 || profile.skills.length === 0) return [];
    let touchedCount = 0;
    const touchedSlots: number[] = [];

    const creditSlots = (skillId: string, creditByMinimum: Float64Array) => {
      const key = skillIds.lookup(skillId);
      if (key < 0) return;
      const end = slotsBySkill.offsets[key + 1]!;
      for (let at = slotsBySkill.offsets[key]!; at < end; at++) {
        const slot = slotsBySkill.entries[at]! >> 3;
        const value = creditByMinimum[slotLevel[slot]!]!;
        if (value > best[slot]!) {
          if (best[slot] === 0) touchedSlots.push(slot);
          best[slot] = value;
        }
      }
    };

    const { own, implied } = profileSkillLevels(profile);
    // Tables by the requirement's minimum level (1–5), built with the shared credit functions.
    for (const [id, level] of own) {
      creditSlots(
        id,
        creditTable((minimum) => levelCredit(level, minimum)),
      );
      for (const related of skillsRelatedTo(id)) {
        creditSlots(
          related.id,
          creditTable((minimum) => relatedCredit(related.similarity, level, minimum)),
        );
      }
    }
    for (const [id, level] of implied)
      creditSlots(
        id,
        creditTable((minimum) => impliedCredit(level, minimum)),
      );

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
    const candidateCountry = country === '' ? -1 : places.lookup(`country:${country}`);
    const candidateCity = country === '' || city === '' ? -3 : places.lookup(`city:${country}|${city}`);
    const seniorityByPostingRank = [0, 1, 2, 3].map((rank) => seniorityPoints(rank, candidateRank));
    const policies: RemotePolicy[] = ['onsite', 'onsite', 'hybrid', 'remote'];
    const locationByPolicyAndFit = policies.map((policy) =>
      LOCATION_FITS.map((fit) => locationPoints(policy, fit, profile.remote)),
    );

    const offerRow = (row: number): void => {
      let requiredCredit = 0;
      let niceCredit = 0;
      for (let slot = slotStart[row]!; slot < slotStart[row + 1]!; slot++) {
        // Same expression and order as scoreCandidate.
        if (slotIsRequired[slot] === 1) requiredCredit += slotWeight[slot]! * best[slot]!;
        else niceCredit += slotWeight[slot]! * best[slot]!;
      }
      const required = requiredPoints(requiredCredit, requiredTotal[row]!);
      const nice = niceToHavePoints(niceCredit, niceTotal[row]!);
      // Skip postings that cannot reach the current K-th score even with every non-skill point.
      if (required + nice + NON_SKILL_POINTS + 0.05 < top.threshold()) return;
      const policy = postingPolicy[row]!;
      let fit: number;
      if (policy === REMOTE_CODES.remote) fit = FIT_REMOTE_JOB;
      else if (country === '') fit = FIT_UNKNOWN;
      else if (candidateCountry !== postingCountry[row]) fit = FIT_OTHER_COUNTRY;
      else fit = candidateCity === postingCity[row] ? FIT_SAME_CITY : FIT_SAME_COUNTRY;
      const score = totalScore(
        required,
        nice,
        seniorityByPostingRank[postingRank[row]!]!,
        locationByPolicyAndFit[policy]![fit]!,
        salaryPoints(postingMaxUsd[row]!, expectedUsd),
      );
      top.offer(score, row);
    };

    for (let at = 0; at < touchedCount; at++) offerRow(touchedRows[at]!);
    // Untouched postings ask for at least one skill and get no skill credit at all.
    const untouchedBound = NICE_TO_HAVE_POINTS_IF_NONE + NON_SKILL_POINTS;
    if (untouchedBound + 0.05 >= top.threshold()) {
      for (let row = 0; row < count; row++) if (touched[row] === 0) offerRow(row);
    }

    for (const slot of touchedSlots) best[slot] = 0;
    for (let at = 0; at < touchedCount; at++) touched[touchedRows[at]!] = 0;
    return top.sorted().map(({ score, row }) => ({ id: rows[row]!.id, score }));
  }

  return { size: count, byteLength, topListings };
}

/** An untouched posting still earns the nice-to-have points when it lists none. */
const NICE_TO_HAVE_POINTS_IF_NONE = niceToHavePoints(0, 0);
