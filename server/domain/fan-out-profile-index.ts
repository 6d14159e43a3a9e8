/**
 * The profile index: per requirement skill, one list of the profiles that earn credit for it, merged at
 * build time (`fan-out-credit-lists.ts`); a query walks one list per requirement.
 */
import {
  REMOTE_CODES,
  SENIORITY_RANK,
  candidateSeniorityRank,
  cityKey,
  clampRequirementLevel,
  countryKey,
  evidenceCount,
  locationPoints,
  niceToHavePoints,
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
import { Interner } from './fan-out-csr.ts';
import { addRequirementCredit, buildCreditLists } from './fan-out-credit-lists.ts';
import {
  FIT_OTHER_COUNTRY,
  FIT_REMOTE_JOB,
  FIT_SAME_CITY,
  FIT_SAME_COUNTRY,
  FIT_UNKNOWN,
  LOCATION_FITS,
  NON_SKILL_POINTS,
  profileSkillLevels,
} from './fan-out-scoring.ts';
import { type RankedMatch, TopK, compareIds } from './fan-out-top-k.ts';

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
  const skillOffsets = new Int32Array(count + 1);
  const skillKeys: number[] = [];
  const skillLevels: number[] = [];
  const seniorityRank = new Uint8Array(count);
  const countryId = new Int32Array(count);
  const cityId = new Int32Array(count);
  const preference = new Uint8Array(count);
  const expectedUsd = new Float64Array(count);

  rows.forEach(({ profile }, row) => {
    for (const [id, level] of profileSkillLevels(profile).own) {
      skillKeys.push(skillIds.intern(id));
      skillLevels.push(level);
    }
    skillOffsets[row + 1] = skillKeys.length;
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
  const creditLists = buildCreditLists(skillIds, {
    offsets: skillOffsets,
    keys: Int32Array.from(skillKeys),
    levels: Uint8Array.from(skillLevels),
  });

  // Scratch space reused by every query.
  const requiredCredit = new Float64Array(count);
  const niceCredit = new Float64Array(count);

  const byteLength = [
    creditLists.offsets,
    creditLists.entries,
    seniorityRank,
    countryId,
    cityId,
    preference,
    expectedUsd,
    requiredCredit,
    niceCredit,
  ].reduce((sum, array) => sum + array.buffer.byteLength, 0);

  function topCandidates(posting: MatchPosting, k: number): RankedMatch[] {
    const top = new TopK(Math.max(0, Math.min(k, count)));
    if (top.capacity === 0) return [];

    const accumulate = (requirements: Requirement[], into: Float64Array) => {
      for (const requirement of requirements) {
        const weight = requirementWeight(requirement.weight);
        const key = skillIds.lookup(requirement.skill.id);
        addRequirementCredit(creditLists, key, clampRequirementLevel(requirement.level), weight, into);
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
