/**
 * The listing index: every requirement of every posting is a slot, and per skill id a CSR list names the
 * slots that ask for it; a query credits the slots the profile's own, related and implied skills reach.
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
  totalScore,
  totalWeight,
  type RemotePolicy,
} from './match-rules.ts';
import { annualUsdOrNaN, type MatchPosting, type MatchProfile } from './matching.ts';
import { Interner, PostingBuilder, buildInvertedIndex } from './fan-out-csr.ts';
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
import { creditRelationsFrom } from './skill-relations.ts';

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
  const requiredCount = new Uint16Array(count);
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
    requiredCount[row] = Math.min(65_535, evidenceCount(posting.requiredSkills));
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
    // With nothing required no skill gates the other terms, so such postings always compete.
    if (requiredTotal[row] === 0) alwaysScored.push(row);
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
    requiredCount,
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
      for (const related of creditRelationsFrom(id)) {
        creditSlots(
          related.id,
          creditTable((minimum) => relatedCredit(related.factor, level, minimum)),
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
      const required = requiredPoints(requiredCredit, requiredTotal[row]!, requiredCount[row]!);
      const nice = niceToHavePoints(niceCredit, niceTotal[row]!);
      const gate = skillGate(requiredCredit, requiredTotal[row]!);
      // Skip postings that cannot reach the current K-th score even with every non-skill point.
      if (required + nice + NON_SKILL_POINTS * gate + 0.05 < top.threshold()) return;
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
        gate,
      );
      top.offer(score, row);
    };

    for (let at = 0; at < touchedCount; at++) offerRow(touchedRows[at]!);
    // Untouched postings ask for skills the profile earns nothing for: the gate closes every other
    // term, so they score 0 and only fill a list that is not yet full.
    if (0.05 >= top.threshold()) {
      for (let row = 0; row < count; row++) if (touched[row] === 0) offerRow(row);
    }

    for (const slot of touchedSlots) best[slot] = 0;
    for (let at = 0; at < touchedCount; at++) touched[touchedRows[at]!] = 0;
    return top.sorted().map(({ score, row }) => ({ id: rows[row]!.id, score }));
  }

  return { size: count, byteLength, topListings };
}
