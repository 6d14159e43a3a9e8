import { describe, expect, it } from 'vitest';
import { compareIds, createListingIndex, createProfileIndex } from '../../server/domain/fan-out.ts';
import {
  type MatchPosting,
  type MatchProfile,
  type Requirement,
  scoreCandidate,
} from '../../server/domain/matching.ts';
import { resolveSkill } from '../../server/domain/skills.ts';
import { allSkills } from '../../server/domain/taxonomy.ts';
import { creditRelationsFor } from '../../server/domain/skill-relations.ts';
import { makePosting, makeProfile, requirement } from './match-fixtures.ts';
import { seededRandom } from '../../scripts/bench/random.ts';
import { SENIORITIES } from '../../server/shared/vocabulary.ts';

const random = seededRandom;

const REMOTES = ['onsite', 'hybrid', 'remote'] as const;
const PLACES = [
  { country: 'DE', city: 'Berlin' },
  { country: 'DE', city: 'Munich' },
  { country: 'US', city: 'Austin' },
  { country: 'IN', city: 'Pune' },
];
const CURRENCIES = ['EUR', 'USD', 'INR', 'GBP'];
// A small skill pool with many implies/related links, plus free-text skills, so every rule is exercised.
const POOL = [
  ...[
    'python',
    'django',
    'flask',
    'postgresql',
    'mysql',
    'mariadb',
    'java',
    'spring-boot',
    'spring',
    'kotlin',
  ],
  ...[
    'kafka',
    'rabbitmq',
    'docker',
    'kubernetes',
    'aws',
    'gcp',
    'nodejs',
    'express',
    'typescript',
    'javascript',
  ],
  // Operations neighbours without a reviewed edge, and a platform with its language.
  ...['grafana', 'zabbix', 'dotnet', 'csharp'],
].map((id) => allSkills().find((skill) => skill.id === id)!);

function randomProfiles(next: () => number, count: number): { id: string; profile: MatchProfile }[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const skills = Array.from({ length: Math.floor(next() * 6) }, () => {
      const skill =
        next() < 0.1
          ? resolveSkill(pick(['Cobol Tuning', 'Vim']))
          : { id: pick(POOL).id, name: pick(POOL).name };
      return next() < 0.5
        ? { skill, level: 1 + Math.floor(next() * 5) }
        : { skill, years: Math.floor(next() * 12) };
    });
    return {
      id: `p${Math.floor(next() * 1e6).toString(36)}-${index}`,
      profile: {
        skills,
        yearsExperience: Math.floor(next() * 15),
        seniority: next() < 0.3 ? null : pick(SENIORITIES),
        location: next() < 0.2 ? null : pick(PLACES),
        remote: next() < 0.3 ? null : pick(REMOTES),
        expectedSalary:
          next() < 0.3
            ? null
            : {
                min: 20_000 + Math.floor(next() * 150_000),
                currency: pick(CURRENCIES),
                period: 'year' as const,
              },
      },
    };
  });
}

function randomPosting(next: () => number): MatchPosting {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const requirements = (count: number): Requirement[] =>
    Array.from({ length: count }, () => ({
      skill: next() < 0.1 ? resolveSkill('Vim') : { id: pick(POOL).id, name: pick(POOL).name },
      level: 1 + Math.floor(next() * 5),
      weight: 0.5 + Math.floor(next() * 6) / 2,
    }));
  const min = 30_000 + Math.floor(next() * 100_000);
  return {
    requiredSkills: requirements(Math.floor(next() * 5)),
    niceToHaveSkills: requirements(Math.floor(next() * 4)),
    seniority: pick(SENIORITIES),
    location: pick(PLACES),
    remote: pick(REMOTES),
    salary: { min, max: min + Math.floor(next() * 40_000), currency: pick(CURRENCIES), period: 'year' },
  };
}

function naiveTop(scores: { id: string; score: number }[], k: number) {
  return [...scores].sort((a, b) => b.score - a.score || compareIds(a.id, b.id)).slice(0, k);
}

describe('fan-out matcher', () => {
  it('draws its random data from skills that exercise every kind of relation credit', () => {
    const ids = new Set(POOL.map((skill) => skill.id));
    const kinds = new Set(
      POOL.flatMap((skill) =>
        creditRelationsFor(skill.id)
          .filter((relation) => ids.has(relation.id))
          .map((relation) => relation.relation),
      ),
    );
    expect([...kinds].sort()).toEqual(['language', 'neighbour', 'platform', 'related']);
  });

  it('returns exactly the top K and scores of scoring every pair (candidates for a posting)', () => {
    const next = random(20261125);
    for (let trial = 0; trial < 40; trial++) {
      const profiles = randomProfiles(next, 150);
      const index = createProfileIndex(profiles);
      for (let query = 0; query < 5; query++) {
        const posting = randomPosting(next);
        const k = 1 + Math.floor(next() * 30);
        const naive = profiles.flatMap(({ id, profile }) => {
          const result = scoreCandidate(posting, profile);
          return result.scored ? [{ id, score: result.score }] : [];
        });
        expect(index.topCandidates(posting, k)).toEqual(naiveTop(naive, k));
      }
    }
  });

  it('returns exactly the top K and scores of scoring every pair (postings for a profile)', () => {
    const next = random(424242);
    for (let trial = 0; trial < 40; trial++) {
      const listings = Array.from({ length: 120 }, (_, index) => ({
        id: `l${Math.floor(next() * 1e6).toString(36)}-${index}`,
        posting: randomPosting(next),
      }));
      const index = createListingIndex(listings);
      for (const { profile } of randomProfiles(next, 5)) {
        const k = 1 + Math.floor(next() * 30);
        const expected =
          profile.skills.length === 0
            ? []
            : naiveTop(
                listings.map(({ id, posting }) => {
                  const result = scoreCandidate(posting, profile);
                  return { id, score: result.scored ? result.score : Number.NaN };
                }),
                k,
              );
        expect(index.topListings(profile, k)).toEqual(expected);
      }
    }
  });

  it('keeps, per profile, the best of its sources of credit for whatever level a requirement asks', () => {
    // Docker itself at level 1 against Kubernetes (a neighbour) at 5: the neighbour's smaller factor
    // wins when level 5 is asked, the skill itself when level 1 is. Django implies Python; Flask is
    // Python's framework too.
    const profiles = [
      {
        id: 'a',
        skills: [
          ['Docker', 1],
          ['Kubernetes', 5],
        ],
      },
      {
        id: 'b',
        skills: [
          ['Docker', 4],
          ['Podman', 2],
        ],
      },
      {
        id: 'c',
        skills: [
          ['Django', 2],
          ['Python', 1],
          ['Flask', 5],
        ],
      },
      {
        id: 'd',
        skills: [
          ['Kubernetes', 2],
          ['Helm', 5],
          ['Python', 5],
        ],
      },
    ].map(({ id, skills }) => ({
      id,
      profile: makeProfile({
        skills: skills.map(([name, level]) => ({ skill: resolveSkill(String(name)), level: Number(level) })),
      }),
    }));
    const index = createProfileIndex(profiles);
    for (let level = 1; level <= 5; level++) {
      const posting = makePosting({
        requiredSkills: [requirement('Docker', level, 2), requirement('Python', level, 1)],
        niceToHaveSkills: [requirement('Flask', level, 1)],
      });
      const naive = profiles.flatMap(({ id, profile }) => {
        const result = scoreCandidate(posting, profile);
        return result.scored ? [{ id, score: result.score }] : [];
      });
      expect(index.topCandidates(posting, 4)).toEqual(naiveTop(naive, 4));
    }
  });

  it('breaks ties by id ascending and leaves out profiles without skills', () => {
    const same = makeProfile();
    const index = createProfileIndex([
      { id: 'b', profile: same },
      { id: 'a', profile: same },
      { id: 'c', profile: makeProfile({ skills: [] }) },
    ]);
    expect(index.topCandidates(makePosting(), 10)).toEqual([
      { id: 'a', score: 100 },
      { id: 'b', score: 100 },
    ]);
    expect(index.size).toBe(2);
    expect(index.topCandidates(makePosting(), 0)).toEqual([]);
  });
});
