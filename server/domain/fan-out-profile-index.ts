/**
 * The profile index: per skill id, CSR lists of (profile row × 8 + level) for the skills profiles have
 * and for the skills those imply; a query walks the lists each requirement can credit.
 */
import {
  REMOTE_CODES,
  SENIORITY_RANK,
  candidateSeniorityRank,
  cityKey,
  clampRequirementLevel,
  countryKey,
  evidenceCount,
  impliedCredit,
  levelCredit,
  locationPoints,
  niceToHavePoints,
  relatedCredit,
  requiredPoints,
  requirementWeight,
  salaryPoints,
  seniorityPoints,
  skillGate,
  SKILL_GATE,
  totalScore,
  totalWeight,
  type RemotePolicy,
} from './match-rules.ts';
import { annualUsdOrNaN, type MatchPosting, type MatchProfile, type Requirement } from './matching.ts';
import { type InvertedIndex, Interner, PostingBuilder, buildInvertedIndex } from './fan-out-csr.ts';
import {
  FIT_OTHER_COUNTRY,
  FIT_REMOTE_JOB,
  FIT_SAME_CITY,
  FIT_SAME_COUNTRY,
  FIT_UNKNOWN,
  LOCATION_FITS,
  NON_SKILL_POINTS,
  creditTable,
  profileSkillLevels,
} from './fan-out-scoring.ts';
import { type RankedMatch, TopK, compareIds } from './fan-out-top-k.ts';
import { creditRelationsFor } from './skill-relations.ts';

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
  const related = creditRelationsFor(skillId).map((entry) => ({
    id: entry.id,
    table: creditTable((level) => relatedCredit(entry.factor, level, minimum)),
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

/** A row's remote preference as a code that indexes PREFERENCES: 0 for none, else its REMOTE_CODES entry. */
const PREFERENCES: readonly (RemotePolicy | null)[] = [null, 'onsite', 'hybrid', 'remote'];

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
    const requiredCount = evidenceCount(posting.requiredSkills);
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
        requiredPoints(required, requiredTotal, requiredCount),
        niceToHavePoints(nice, niceTotal),
        seniorityByRank[seniorityRank[row]!]!,
        locationTable[fit]![preference[row]!]!,
        salaryPoints(postingMaxUsd, expectedUsd[row]!),
        skillGate(required, requiredTotal),
      );
    };

    // One sequential sweep (cheaper than jumping between touched rows): skip every row whose skill
    // points plus the non-skill points its gate lets through cannot reach the current K-th score, and
    // clear the scratch. The bound only filters, so it may use multiplications instead of the exact
    // divisions, with a margin; penalties only lower a score, so the bound ignores them.
    const requiredScale = requiredTotal > 0 ? requiredPoints(1, requiredTotal, requiredCount) : 0;
    const niceScale = niceTotal > 0 ? niceToHavePoints(1, niceTotal) : 0;
    const gateScale = requiredTotal > 0 ? 1 / (requiredTotal * SKILL_GATE) : 0;
    const margin = 0.05 + 1e-6;
    let threshold = top.threshold();
    for (let row = 0; row < count; row++) {
      const required = requiredCredit[row]!;
      const nice = niceCredit[row]!;
      requiredCredit[row] = 0;
      niceCredit[row] = 0;
      const gateBound = requiredTotal > 0 ? Math.min(1, required * gateScale) : 1;
      if (required * requiredScale + nice * niceScale + NON_SKILL_POINTS * gateBound + margin < threshold) {
        continue;
      }
      top.offer(scoreRow(row, required, nice), row);
      threshold = top.threshold();
    }
    return top.sorted().map(({ score, row }) => ({ id: rows[row]!.id, score }));
  }

  return { size: count, byteLength, topCandidates };
}
