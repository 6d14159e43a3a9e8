import { describe, expect, it } from 'vitest';
import { type MatchResult, explainMatch, scoreCandidate, skillGapFor } from '../../server/domain/matching.ts';
import { resolveSkill } from '../../server/domain/skills.ts';
import { PAIRS, judgePairs } from '../../scripts/eval/match-pairs.ts';
import { makePosting, makeProfile, requirement } from './match-fixtures.ts';

function scored(result: MatchResult) {
  if (!result.scored) throw new Error(`expected a score, got: ${result.reason}`);
  return result;
}

function term(result: MatchResult, key: string) {
  return scored(result).terms.find((entry) => entry.key === key);
}

describe('pairs a recruiter would order the same way', () => {
  it.each(judgePairs().map((pair) => [pair.title, pair] as const))('%s', (_title, pair) => {
    expect(pair.betterScore).toBeGreaterThan(pair.worseScore);
  });

  it('holds pairs beyond the issue’s own examples for every kind of rule', () => {
    expect(PAIRS.filter((pair) => !pair.fromIssue).length).toBeGreaterThanOrEqual(
      PAIRS.filter((pair) => pair.fromIssue).length,
    );
  });
});

describe('evidence-weighted scores', () => {
  const strong = makeProfile({ skills: [{ skill: resolveSkill('Agile'), level: 5 }] });

  it('gives no skill points for a posting that lists no required skills, and says why', () => {
    const empty = makePosting({ requiredSkills: [], niceToHaveSkills: [] });
    const result = scored(scoreCandidate(empty, strong));
    expect(term(result, 'required-skills')).toMatchObject({ points: 0 });
    expect(term(result, 'required-skills')?.detail).toMatch(/no required skills/);
    expect(result.score).toBeLessThan(50);
  });

  it('halves the skill term for a posting that asks for one skill', () => {
    const one = makePosting({ requiredSkills: [requirement('Go', 3)], niceToHaveSkills: [] });
    const goDeveloper = makeProfile({ skills: [{ skill: resolveSkill('Go'), level: 4 }] });
    const result = scored(scoreCandidate(one, goDeveloper));
    expect(term(result, 'required-skills')?.points).toBe(40);
    expect(term(result, 'required-skills')?.detail).toMatch(/only 1 required skill.*50%/);
  });

  it('keeps a candidate who meets none of the requirements out of partial-match territory', () => {
    const posting = makePosting({
      requiredSkills: [requirement('Rust', 3), requirement('Kafka', 3), requirement('Cassandra', 3)],
    });
    const none = makeProfile({ skills: [{ skill: resolveSkill('Figma'), level: 5 }] });
    expect(scored(scoreCandidate(posting, none)).score).toBe(0);
    const oneOfThree = makeProfile({ skills: [{ skill: resolveSkill('Rust'), level: 5 }] });
    const result = scored(scoreCandidate(posting, oneOfThree));
    expect(result.score).toBeLessThan(50);
    expect(term(result, 'seniority')?.detail).toMatch(/counts 67% as the required skills are 33% met/);
  });
});

describe('credit that follows how skills relate', () => {
  const credit = (required: string, known: string) =>
    scored(
      scoreCandidate(
        makePosting({
          requiredSkills: [requirement(required, 3), requirement('Git', 1)],
          niceToHaveSkills: [],
        }),
        makeProfile({
          skills: [
            { skill: resolveSkill(known), level: 4 },
            { skill: resolveSkill('Git'), level: 3 },
          ],
        }),
      ),
    ).skills[0];

  it('credits a framework’s language, one way, and says via which skill', () => {
    expect(credit('FastAPI', 'Python')).toMatchObject({
      match: 'related',
      relation: 'language',
      via: { id: 'python' },
      credit: 0.5,
    });
    expect(credit('Rails', 'Ruby')).toMatchObject({ relation: 'language', via: { id: 'ruby' } });
    expect(credit('Python', 'FastAPI')).toMatchObject({ match: 'implied', credit: 0.9 });
  });

  it('credits a platform’s languages', () => {
    expect(credit('.NET', 'F#')).toMatchObject({ match: 'implied' });
    expect(credit('.NET', 'VB.NET')).toMatchObject({ match: 'implied' });
    expect(credit('BEAM/OTP', 'Elixir')).toMatchObject({ match: 'implied' });
    expect(credit('JVM', 'Groovy')).toMatchObject({ match: 'implied' });
    expect(credit('Node.js', 'TypeScript')).toMatchObject({ relation: 'platform', credit: 0.7 });
    expect(credit('.NET', 'C#')).toMatchObject({ relation: 'platform', via: { id: 'csharp' } });
  });

  it('relates neighbours in operations and tooling, but not across unrelated categories', () => {
    expect(credit('Ansible', 'Pulumi')).toMatchObject({ match: 'related' });
    expect(credit('Grafana', 'Zabbix')).toMatchObject({ relation: 'neighbour', credit: 0.28 });
    expect(credit('CircleCI', 'TeamCity')).toMatchObject({ match: 'related' });
    expect(credit('PostgreSQL', 'Kubernetes')).toMatchObject({ match: null, credit: 0 });
  });
});

describe('pay and place as recruiters weigh them', () => {
  it('costs points in proportion to how far the expectation exceeds the maximum', () => {
    const salary = (min: number) =>
      term(
        scoreCandidate(
          makePosting(),
          makeProfile({ expectedSalary: { min, currency: 'EUR', period: 'year' } }),
        ),
        'salary',
      )?.points;
    expect(salary(90_000)).toBe(5);
    expect(salary(112_500)).toBe(0);
    expect(salary(135_000)).toBe(-10);
    expect(salary(157_500)).toBe(-20);
    expect(salary(300_000)).toBe(-30);
  });

  it('weighs a candidate abroad against an onsite posting more than a hybrid one', () => {
    const abroad = makeProfile({ location: { country: 'PT', city: 'Lisbon' }, remote: null });
    expect(term(scoreCandidate(makePosting({ remote: 'onsite' }), abroad), 'location')?.points).toBe(-15);
    expect(term(scoreCandidate(makePosting({ remote: 'hybrid' }), abroad), 'location')?.points).toBe(-10);
    expect(term(scoreCandidate(makePosting({ remote: 'remote' }), abroad), 'location')?.points).toBe(5);
    expect(term(scoreCandidate(makePosting({ remote: 'onsite' }), abroad), 'location')?.detail).toMatch(
      /relocate/,
    );
  });

  it('takes a stated seniority at most one step above what the years support', () => {
    const seniority = (stated: 'junior' | 'senior' | 'lead' | null, years: number) =>
      term(
        scoreCandidate(makePosting(), makeProfile({ seniority: stated, yearsExperience: years })),
        'seniority',
      )?.points;
    expect(seniority('lead', 1)).toBe(5); // counts as mid
    expect(seniority('lead', 3)).toBe(10); // counts as senior
    expect(seniority('lead', 9)).toBe(8); // staff or lead: one over
    expect(seniority('junior', 12)).toBe(0); // taken at their word
    expect(seniority('senior', 0)).toBe(10); // no years stated
    expect(seniority(null, 6)).toBe(10);
  });
});

describe('nice-to-have skills are a bonus', () => {
  it('costs nothing when missing and lifts a candidate with gaps', () => {
    const without = makePosting({ niceToHaveSkills: [] });
    const withNice = makePosting({ niceToHaveSkills: [requirement('Terraform', 2)] });
    const profile = makeProfile();
    expect(scored(scoreCandidate(withNice, profile)).score).toBe(
      scored(scoreCandidate(without, profile)).score,
    );
    const gaps = makeProfile({
      skills: [
        { skill: resolveSkill('Python'), level: 4 },
        { skill: resolveSkill('Terraform'), level: 3 },
      ],
    });
    expect(scored(scoreCandidate(withNice, gaps)).score).toBeGreaterThan(
      scored(scoreCandidate(without, gaps)).score,
    );
    expect(scored(scoreCandidate(withNice, gaps)).score).toBeLessThanOrEqual(100);
  });
});

describe('the gap says level up, not missing, for a level below the requirement', () => {
  it('keeps a below-level skill among partial ones with the candidate’s level', () => {
    const posting = makePosting({
      requiredSkills: [requirement('AWS', 4), requirement('Python', 3)],
      niceToHaveSkills: [],
    });
    const profile = makeProfile({
      skills: [
        { skill: resolveSkill('AWS'), level: 2 },
        { skill: resolveSkill('Python'), level: 4 },
      ],
    });
    const gap = skillGapFor(posting, profile);
    expect(gap.missingRequired).toEqual([]);
    expect(gap.partial[0]).toMatchObject({ skill: { id: 'aws' }, match: 'below-level', candidateLevel: 2 });
    expect(explainMatch(posting, profile).summary).toMatchObject({
      topMissing: [{ id: 'aws', name: 'AWS' }],
      belowLevel: ['aws'],
    });
  });
});
