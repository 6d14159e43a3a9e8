import { describe, expect, it } from 'vitest';
import {
  type MatchResult,
  scoreCandidate,
  skillGapFor,
  summarizeMatch,
} from '../../server/domain/matching.ts';
import type { ListingData, ProfileData } from '../../server/adapters/store/port.ts';
import { resolveSkill } from '../../server/domain/skills.ts';
import { makePosting, makeProfile, requirement } from './match-fixtures.ts';
import { LISTING_DEFAULTS } from '../../server/domain/listing.ts';

function scored(result: MatchResult) {
  if (!result.scored) throw new Error(`expected a score, got: ${result.reason}`);
  return result;
}

function termPoints(result: MatchResult, key: string): number | undefined {
  return scored(result).terms.find((term) => term.key === key)?.points;
}

describe('scoreCandidate', () => {
  it('gives a full-fit candidate 100 and explains every term', () => {
    const result = scored(scoreCandidate(makePosting(), makeProfile()));
    expect(result.score).toBe(100);
    expect(result.terms.map((term) => term.key)).toEqual([
      'required-skills',
      'nice-to-have-skills',
      'seniority',
      'location',
      'salary',
    ]);
    // Every term but the nice-to-have bonus adds up to 100; the bonus only makes up for gaps.
    const bonus = result.terms.find((term) => term.key === 'nice-to-have-skills');
    expect(result.terms.reduce((sum, term) => sum + term.maxPoints, 0) - (bonus?.maxPoints ?? 0)).toBe(100);
    expect(result.skills.map((skill) => [skill.skill.id, skill.match])).toEqual([
      ['python', 'exact'],
      ['postgresql', 'exact'],
      ['docker', 'exact'],
    ]);
  });

  it('refuses to score a profile without skills, with a reason', () => {
    const result = scoreCandidate(makePosting(), makeProfile({ skills: [] }));
    expect(result.scored).toBe(false);
    expect(result.scored ? '' : result.reason).toMatch(/skills/);
  });

  it('is deterministic', () => {
    expect(scoreCandidate(makePosting(), makeProfile())).toEqual(
      scoreCandidate(makePosting(), makeProfile()),
    );
  });

  it('matches aliases and casing through the resolved skill', () => {
    const profile = makeProfile({
      skills: [
        { skill: resolveSkill('python'), level: 4 },
        { skill: resolveSkill('postgres'), level: 3 },
        { skill: resolveSkill('DOCKER'), level: 3 },
      ],
    });
    expect(scored(scoreCandidate(makePosting(), profile)).score).toBe(100);
  });

  it('reports an alias match when the profile names the skill differently', () => {
    const profile = makeProfile({
      skills: [
        { skill: { id: 'python', name: 'Python' }, level: 4 },
        { skill: { id: 'postgresql', name: 'Postgres' }, level: 3 },
      ],
    });
    const credit = scored(scoreCandidate(makePosting(), profile)).skills.find(
      (s) => s.skill.id === 'postgresql',
    );
    expect(credit).toMatchObject({ match: 'alias', credit: 1, skill: { name: 'PostgreSQL' } });
  });

  it('credits a required skill implied by the candidate’s framework (Django → Python), one way only', () => {
    const posting = makePosting({ requiredSkills: [requirement('Python', 3)], niceToHaveSkills: [] });
    const djangoOnly = makeProfile({ skills: [{ skill: resolveSkill('Django'), level: 4 }] });
    const credit = scored(scoreCandidate(posting, djangoOnly)).skills[0];
    expect(credit).toMatchObject({ match: 'implied', via: { id: 'django', name: 'Django' }, credit: 0.9 });
    // 80 points × 0.9, halved: a posting that asks for one skill only gives half the skill points.
    expect(termPoints(scoreCandidate(posting, djangoOnly), 'required-skills')).toBe(36);

    const reverse = makePosting({ requiredSkills: [requirement('Django', 3)], niceToHaveSkills: [] });
    const pythonOnly = makeProfile({ skills: [{ skill: resolveSkill('Python'), level: 5 }] });
    expect(scored(scoreCandidate(reverse, pythonOnly)).skills[0]?.match).not.toBe('implied');
  });

  it('gives related skills partial credit (MySQL for PostgreSQL)', () => {
    const posting = makePosting({ requiredSkills: [requirement('PostgreSQL', 3)], niceToHaveSkills: [] });
    const profile = makeProfile({ skills: [{ skill: resolveSkill('MySQL'), level: 4 }] });
    const credit = scored(scoreCandidate(posting, profile)).skills[0];
    // similarity 0.8 × related discount 0.7
    expect(credit).toMatchObject({
      match: 'related',
      relation: 'related',
      via: { id: 'mysql', name: 'MySQL' },
      credit: 0.56,
    });
    // 80 × 0.56, halved for a one-skill posting
    expect(termPoints(scoreCandidate(posting, profile), 'required-skills')).toBe(22.4);
  });

  it('gives level / minimum when the level is below the minimum', () => {
    const posting = makePosting({ requiredSkills: [requirement('Python', 4)], niceToHaveSkills: [] });
    const profile = makeProfile({ skills: [{ skill: resolveSkill('Python'), years: 1.5 }] });
    const credit = scored(scoreCandidate(posting, profile)).skills[0];
    expect(credit).toMatchObject({ match: 'below-level', candidateLevel: 2, requiredLevel: 4, credit: 0.5 });
  });

  it('weights required skills by their weight', () => {
    const posting = makePosting({
      requiredSkills: [requirement('Python', 3, 3), requirement('Kafka', 3, 1)],
      niceToHaveSkills: [],
    });
    const profile = makeProfile({ skills: [{ skill: resolveSkill('Python'), level: 3 }] });
    expect(termPoints(scoreCandidate(posting, profile), 'required-skills')).toBe(60);
  });

  it('bounds the nice-to-have bonus', () => {
    const many = ['Docker', 'Kubernetes', 'Redis', 'Kafka', 'Terraform', 'AWS'].map((name) =>
      requirement(name, 1, 5),
    );
    const posting = makePosting({ niceToHaveSkills: many });
    const profile = makeProfile({
      skills: [...makeProfile().skills, ...many.map((entry) => ({ skill: entry.skill, level: 5 }))],
    });
    expect(termPoints(scoreCandidate(posting, profile), 'nice-to-have-skills')).toBe(10);
    const none = makeProfile({ skills: makeProfile().skills.slice(0, 2) });
    expect(termPoints(scoreCandidate(posting, none), 'nice-to-have-skills')).toBe(0);
    expect(scored(scoreCandidate(posting, profile)).score).toBeLessThanOrEqual(100);
  });

  it('keeps free-text skills matching each other exactly', () => {
    const posting = makePosting({
      requiredSkills: [requirement('Quantum Basket Weaving', 2)],
      niceToHaveSkills: [],
    });
    const same = makeProfile({ skills: [{ skill: resolveSkill('quantum basket weaving'), level: 3 }] });
    const other = makeProfile({ skills: [{ skill: resolveSkill('Basket Weaving'), level: 3 }] });
    expect(scored(scoreCandidate(posting, same)).skills[0]?.match).toBe('exact');
    expect(scored(scoreCandidate(posting, other)).skills[0]?.credit).toBe(0);
  });

  it('adjusts for seniority, from years when not stated', () => {
    const posting = makePosting();
    expect(termPoints(scoreCandidate(posting, makeProfile({ seniority: 'mid' })), 'seniority')).toBe(5);
    expect(termPoints(scoreCandidate(posting, makeProfile({ seniority: 'junior' })), 'seniority')).toBe(0);
    expect(termPoints(scoreCandidate(posting, makeProfile({ seniority: 'staff' })), 'seniority')).toBe(8);
    expect(
      termPoints(scoreCandidate(posting, makeProfile({ seniority: null, yearsExperience: 6 })), 'seniority'),
    ).toBe(10);
    expect(
      termPoints(scoreCandidate(posting, makeProfile({ seniority: null, yearsExperience: 1 })), 'seniority'),
    ).toBe(0);
  });

  it('adjusts for location and remote policy', () => {
    const hybrid = makePosting();
    expect(
      termPoints(
        scoreCandidate(hybrid, makeProfile({ location: { country: 'de', city: ' berlin ' } })),
        'location',
      ),
    ).toBe(5);
    expect(
      termPoints(
        scoreCandidate(hybrid, makeProfile({ location: { country: 'DE', city: 'Munich' } })),
        'location',
      ),
    ).toBe(3);
    expect(
      termPoints(
        scoreCandidate(hybrid, makeProfile({ location: { country: 'FR', city: 'Paris' } })),
        'location',
      ),
    ).toBe(-10);
    expect(termPoints(scoreCandidate(hybrid, makeProfile({ remote: 'remote' })), 'location')).toBe(3);
    const remote = makePosting({ remote: 'remote' });
    expect(
      termPoints(
        scoreCandidate(
          remote,
          makeProfile({ location: { country: 'BR', city: 'Recife' }, remote: 'remote' }),
        ),
        'location',
      ),
    ).toBe(5);
  });

  it('adjusts for salary expectations across currencies and periods', () => {
    const posting = makePosting();
    const within = makeProfile({ expectedSalary: { min: 7_000, currency: 'EUR', period: 'month' } });
    expect(termPoints(scoreCandidate(posting, within), 'salary')).toBe(5);
    const tenPercentOver = makeProfile({ expectedSalary: { min: 99_000, currency: 'EUR', period: 'year' } });
    expect(termPoints(scoreCandidate(posting, tenPercentOver), 'salary')).toBe(3);
    const quarterOver = makeProfile({ expectedSalary: { min: 112_500, currency: 'EUR', period: 'year' } });
    expect(termPoints(scoreCandidate(posting, quarterOver), 'salary')).toBe(0);
    // Twice the maximum: 100 % over, 75 points past the tolerance × 40 per 100 % = −30.
    const double = makeProfile({ expectedSalary: { min: 180_000, currency: 'EUR', period: 'year' } });
    expect(termPoints(scoreCandidate(posting, double), 'salary')).toBe(-30);
    expect(scored(scoreCandidate(posting, double)).terms.at(-1)?.detail).toMatch(/100% above.*in proportion/);
    expect(termPoints(scoreCandidate(posting, makeProfile({ expectedSalary: null })), 'salary')).toBe(5);
  });
});

describe('skillGapFor', () => {
  const posting = makePosting({
    requiredSkills: [
      requirement('Python', 4, 3),
      requirement('PostgreSQL', 3, 2),
      requirement('Kafka', 3, 1),
      requirement('Kubernetes', 3, 2),
    ],
    niceToHaveSkills: [requirement('Terraform', 2, 1), requirement('Redis', 2, 2)],
  });
  const profile = makeProfile({
    skills: [
      { skill: resolveSkill('Python'), level: 5 },
      { skill: resolveSkill('MySQL'), level: 4 },
      { skill: resolveSkill('RabbitMQ'), level: 3 },
    ],
  });

  it('sorts requirements into matched, partial and missing, ordered by impact', () => {
    const gap = skillGapFor(posting, profile);
    expect(gap.matched.map((entry) => entry.skill.id)).toEqual(['python']);
    expect(gap.partial.map((entry) => [entry.skill.id, entry.match, entry.via?.id])).toEqual([
      ['postgresql', 'related', 'mysql'],
      ['kafka', 'related', 'rabbitmq'],
    ]);
    expect(gap.missingRequired.map((entry) => entry.skill.id)).toEqual(['kubernetes']);
    expect(gap.missingNiceToHave.map((entry) => entry.skill.id)).toEqual(['redis', 'terraform']);
    expect(gap.partial[0]?.impact).toBeGreaterThan(gap.partial[1]?.impact ?? Infinity);
  });

  it('has impacts that add up to what the score would gain', () => {
    const gap = skillGapFor(posting, profile);
    const before = scored(scoreCandidate(posting, profile)).score;
    const kubernetes = gap.missingRequired[0];
    const improved = makeProfile({
      skills: [...profile.skills, { skill: resolveSkill('Kubernetes'), level: 3 }],
    });
    const after = scored(scoreCandidate(posting, improved)).score;
    expect(after - before).toBeCloseTo(kubernetes?.impact ?? 0, 1);
  });

  it('summarises for lists', () => {
    const summary = summarizeMatch(scoreCandidate(posting, profile), skillGapFor(posting, profile));
    expect(summary).toEqual({
      score: scored(scoreCandidate(posting, profile)).score,
      topMissing: [
        { id: 'kubernetes', name: 'Kubernetes' },
        { id: 'postgresql', name: 'PostgreSQL' },
        { id: 'kafka', name: 'Apache Kafka' },
      ],
      matchedCount: 1,
      requiredCount: 4,
    });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('summarises an unscored profile without a score', () => {
    const empty = makeProfile({ skills: [] });
    expect(summarizeMatch(scoreCandidate(posting, empty), skillGapFor(posting, empty)).score).toBeNull();
  });
});

describe('store compatibility', () => {
  it('scores store listings and profiles as they are', () => {
    const listing: ListingData = {
      title: 'Backend engineer',
      description: 'Python and PostgreSQL',
      employmentType: 'full-time',
      ...LISTING_DEFAULTS,
      ...makePosting(),
      salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year', estimated: true },
    };
    const profile: ProfileData = { headline: 'Python developer', discoverable: true, ...makeProfile() };
    expect(scored(scoreCandidate(listing, profile)).score).toBe(100);
  });
});
