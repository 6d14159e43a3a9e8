/**
 * Pairs of scored matches whose order a recruiter would not dispute: in each, the first match should
 * score above the second. The issue's cases come with pairs of the same kinds built from other skills,
 * so the rules are judged, not the examples. `npm run eval` prints the table; tests/domain/match-order
 * asserts every pair.
 */
import { type MatchPosting, type MatchProfile, scoreCandidate } from '../../server/domain/matching.ts';
import { resolveSkill } from '../../server/domain/skills.ts';
import type { Seniority } from '../../server/shared/vocabulary.ts';

type SkillLine = readonly [name: string, level: number, weight?: number];

function posting(required: SkillLine[], niceToHave: SkillLine[] = [], overrides: Partial<MatchPosting> = {}) {
  const toRequirements = (lines: SkillLine[]) =>
    lines.map(([name, level, weight]) => ({ skill: resolveSkill(name), level, weight: weight ?? 1 }));
  return {
    requiredSkills: toRequirements(required),
    niceToHaveSkills: toRequirements(niceToHave),
    seniority: 'senior' as Seniority,
    location: { country: 'DE', city: 'Berlin' },
    remote: 'hybrid' as const,
    salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' as const },
    ...overrides,
  } satisfies MatchPosting;
}

function candidate(skills: SkillLine[], overrides: Partial<MatchProfile> = {}): MatchProfile {
  return {
    skills: skills.map(([name, level]) => ({ skill: resolveSkill(name), level })),
    yearsExperience: 6,
    seniority: 'senior',
    location: { country: 'DE', city: 'Berlin' },
    remote: 'hybrid',
    expectedSalary: { min: 80_000, currency: 'EUR', period: 'year' },
    ...overrides,
  };
}

export interface MatchCase {
  label: string;
  posting: MatchPosting;
  profile: MatchProfile;
}

export interface PairCase {
  title: string;
  /** Named in the issue (#15), or another pair of the same kind. */
  fromIssue: boolean;
  better: MatchCase;
  worse: MatchCase;
}

const djangoPosting = posting([
  ['Django', 3, 2],
  ['PostgreSQL', 3],
  ['REST', 3],
]);
const springPosting = posting([
  ['Spring Boot', 3, 2],
  ['PostgreSQL', 3],
  ['Kafka', 3],
]);
const nestPosting = posting([
  ['NestJS', 3, 2],
  ['PostgreSQL', 3],
  ['Docker', 3],
]);
const symfonyPosting = posting([
  ['Symfony', 3, 2],
  ['MySQL', 3],
  ['Redis', 2],
]);
const dotnetPosting = posting([
  ['.NET', 3, 2],
  ['SQL Server', 3],
  ['Azure', 2],
]);
const nodePosting = posting([
  ['Node.js', 3, 2],
  ['MongoDB', 3],
  ['AWS', 2],
]);
const dockerPosting = posting([
  ['Docker', 3, 2],
  ['Linux', 3],
  ['Python', 3],
]);
const jenkinsPosting = posting([
  ['Jenkins', 3, 2],
  ['Java', 3],
  ['Linux', 3],
]);
const datadogPosting = posting([
  ['Datadog', 3, 2],
  ['Go', 3],
  ['Kubernetes', 3],
]);
const sixSkills = posting([
  ['Java', 3, 2],
  ['Spring Boot', 3, 2],
  ['PostgreSQL', 3],
  ['Kafka', 3],
  ['Docker', 3],
  ['Git', 2],
]);
const allSix = candidate([
  ['Java', 4],
  ['Spring Boot', 4],
  ['PostgreSQL', 4],
  ['Kafka', 3],
  ['Docker', 3],
  ['Git', 3],
]);
const allButGit = candidate(allSix.skills.slice(0, 5).map((entry) => [entry.skill.name, entry.level ?? 3]));
const onsite = { remote: 'onsite' as const };

export const PAIRS: readonly PairCase[] = [
  {
    title: 'a real match outranks a posting that lists no skills',
    fromIssue: true,
    better: {
      label: 'Python/Django developer, Django posting',
      posting: djangoPosting,
      profile: candidate([
        ['Python', 4],
        ['Django', 4],
        ['PostgreSQL', 3],
        ['REST', 3],
      ]),
    },
    worse: {
      label: 'same developer, "Senior UI/UX Designer" listing no skills',
      posting: posting([], [['Figma', 2]]),
      profile: candidate([
        ['Python', 4],
        ['Django', 4],
        ['PostgreSQL', 3],
        ['REST', 3],
      ]),
    },
  },
  {
    title: 'an Agile-only candidate on a skill-less posting stays below a partial real match',
    fromIssue: true,
    better: {
      label: 'Java developer meeting 4 of 6',
      posting: sixSkills,
      profile: candidate([
        ['Java', 4],
        ['Spring Boot', 3],
        ['PostgreSQL', 3],
        ['Git', 3],
      ]),
    },
    worse: {
      label: 'Agile only, posting lists no skills',
      posting: posting([]),
      profile: candidate([['Agile', 4]]),
    },
  },
  {
    title: 'a posting asking for three skills, all met, outranks one asking for one',
    fromIssue: false,
    better: {
      label: 'Go, gRPC, Kubernetes all met',
      posting: posting([
        ['Go', 3],
        ['gRPC', 3],
        ['Kubernetes', 3],
      ]),
      profile: candidate([
        ['Go', 4],
        ['gRPC', 3],
        ['Kubernetes', 3],
      ]),
    },
    worse: {
      label: 'only Go asked, met',
      posting: posting([['Go', 3]]),
      profile: candidate([
        ['Go', 4],
        ['gRPC', 3],
        ['Kubernetes', 3],
      ]),
    },
  },
  {
    title: 'meeting half the requirements beats meeting none with perfect place and pay',
    fromIssue: true,
    better: {
      label: 'Java and Spring Boot, abroad',
      posting: sixSkills,
      profile: candidate(
        [
          ['Java', 4],
          ['Spring Boot', 4],
          ['PostgreSQL', 3],
        ],
        { location: { country: 'FR', city: 'Paris' }, remote: null },
      ),
    },
    worse: { label: 'none of the skills, local', posting: sixSkills, profile: candidate([['Figma', 5]]) },
  },
  {
    title: 'knowing the language beats a sibling framework of another language (Django)',
    fromIssue: true,
    better: {
      label: 'Python expert',
      posting: djangoPosting,
      profile: candidate([
        ['Python', 5],
        ['PostgreSQL', 3],
        ['REST', 3],
      ]),
    },
    worse: {
      label: 'Rails developer, no Python',
      posting: djangoPosting,
      profile: candidate([
        ['Ruby on Rails', 5],
        ['PostgreSQL', 3],
        ['REST', 3],
      ]),
    },
  },
  {
    title: 'knowing the language beats a sibling framework of another language (Spring Boot)',
    fromIssue: false,
    better: {
      label: 'Java expert',
      posting: springPosting,
      profile: candidate([
        ['Java', 5],
        ['PostgreSQL', 3],
        ['Kafka', 3],
      ]),
    },
    worse: {
      label: 'Laravel developer',
      posting: springPosting,
      profile: candidate([
        ['Laravel', 5],
        ['PostgreSQL', 3],
        ['Kafka', 3],
      ]),
    },
  },
  {
    title: 'knowing the language beats a sibling framework of another language (NestJS)',
    fromIssue: false,
    better: {
      label: 'TypeScript expert',
      posting: nestPosting,
      profile: candidate([
        ['TypeScript', 5],
        ['PostgreSQL', 3],
        ['Docker', 3],
      ]),
    },
    worse: {
      label: 'Django developer',
      posting: nestPosting,
      profile: candidate([
        ['Django', 5],
        ['PostgreSQL', 3],
        ['Docker', 3],
      ]),
    },
  },
  {
    title: 'knowing the language beats a sibling framework of another language (Symfony)',
    fromIssue: false,
    better: {
      label: 'PHP expert',
      posting: symfonyPosting,
      profile: candidate([
        ['PHP', 5],
        ['MySQL', 3],
        ['Redis', 2],
      ]),
    },
    worse: {
      label: 'Express developer',
      posting: symfonyPosting,
      profile: candidate([
        ['Express', 5],
        ['MySQL', 3],
        ['Redis', 2],
      ]),
    },
  },
  {
    title: 'a language of the platform counts for the platform (.NET)',
    fromIssue: true,
    better: {
      label: 'C# expert, no .NET listed',
      posting: dotnetPosting,
      profile: candidate([
        ['C#', 5],
        ['SQL Server', 3],
        ['Azure', 2],
      ]),
    },
    worse: {
      label: 'Java expert',
      posting: dotnetPosting,
      profile: candidate([
        ['Java', 5],
        ['SQL Server', 3],
        ['Azure', 2],
      ]),
    },
  },
  {
    title: 'a language of the platform counts for the platform (Node.js)',
    fromIssue: false,
    better: {
      label: 'JavaScript developer',
      posting: nodePosting,
      profile: candidate([
        ['JavaScript', 4],
        ['MongoDB', 3],
        ['AWS', 2],
      ]),
    },
    worse: {
      label: 'Python developer',
      posting: nodePosting,
      profile: candidate([
        ['Python', 4],
        ['MongoDB', 3],
        ['AWS', 2],
      ]),
    },
  },
  {
    title: 'an operations neighbour counts (Kubernetes for Docker)',
    fromIssue: true,
    better: {
      label: 'Kubernetes engineer',
      posting: dockerPosting,
      profile: candidate([
        ['Kubernetes', 4],
        ['Linux', 3],
        ['Python', 3],
      ]),
    },
    worse: {
      label: 'no container tool',
      posting: dockerPosting,
      profile: candidate([
        ['Terraform', 4],
        ['Linux', 3],
        ['Python', 3],
      ]),
    },
  },
  {
    title: 'an operations neighbour counts (GitLab CI for Jenkins)',
    fromIssue: false,
    better: {
      label: 'GitLab CI user',
      posting: jenkinsPosting,
      profile: candidate([
        ['GitLab CI', 4],
        ['Java', 3],
        ['Linux', 3],
      ]),
    },
    worse: {
      label: 'no CI tool',
      posting: jenkinsPosting,
      profile: candidate([
        ['Maven', 4],
        ['Java', 3],
        ['Linux', 3],
      ]),
    },
  },
  {
    title: 'an operations neighbour counts (Prometheus for Datadog)',
    fromIssue: false,
    better: {
      label: 'Prometheus user',
      posting: datadogPosting,
      profile: candidate([
        ['Prometheus', 4],
        ['Go', 3],
        ['Kubernetes', 3],
      ]),
    },
    worse: {
      label: 'no monitoring tool',
      posting: datadogPosting,
      profile: candidate([
        ['Redis', 4],
        ['Go', 3],
        ['Kubernetes', 3],
      ]),
    },
  },
  {
    title: 'within budget and one minor skill short beats twice the maximum',
    fromIssue: true,
    better: { label: 'local, within budget, no Git', posting: sixSkills, profile: allButGit },
    worse: {
      label: 'every skill, asks 180k (2× max)',
      posting: sixSkills,
      profile: { ...allSix, expectedSalary: { min: 180_000, currency: 'EUR', period: 'year' } },
    },
  },
  {
    title: 'within budget and one minor skill short beats 60% over the maximum',
    fromIssue: false,
    better: { label: 'within budget, no Git', posting: sixSkills, profile: allButGit },
    worse: {
      label: 'every skill, asks 12k a month (60% over)',
      posting: sixSkills,
      profile: { ...allSix, expectedSalary: { min: 12_000, currency: 'EUR', period: 'month' } },
    },
  },
  {
    title: 'a missing nice-to-have costs less than a missing required skill',
    fromIssue: true,
    better: {
      label: 'all required, no nice-to-have',
      posting: posting(
        [
          ['Python', 3],
          ['PostgreSQL', 3],
          ['Docker', 3],
        ],
        [['Kubernetes', 2]],
      ),
      profile: candidate([
        ['Python', 4],
        ['PostgreSQL', 3],
        ['Docker', 3],
      ]),
    },
    worse: {
      label: 'no Docker, has the nice-to-have',
      posting: posting(
        [
          ['Python', 3],
          ['PostgreSQL', 3],
          ['Docker', 3],
        ],
        [['Kubernetes', 2]],
      ),
      profile: candidate([
        ['Python', 4],
        ['PostgreSQL', 3],
        ['Kubernetes', 3],
      ]),
    },
  },
  {
    title: 'onsite: a local candidate one minor skill short beats one abroad with every skill',
    fromIssue: false,
    better: { label: 'Berlin, no Git', posting: { ...sixSkills, ...onsite }, profile: allButGit },
    worse: {
      label: 'Lisbon, every skill',
      posting: { ...sixSkills, ...onsite },
      profile: { ...allSix, location: { country: 'PT', city: 'Lisbon' }, remote: null },
    },
  },
  {
    title: 'a stated seniority the years do not support counts for less',
    fromIssue: false,
    better: { label: 'senior, 6 years', posting: sixSkills, profile: allSix },
    worse: {
      label: '"lead", 1 year',
      posting: sixSkills,
      profile: { ...allSix, seniority: 'lead', yearsExperience: 1 },
    },
  },
  {
    title: 'a skill below the level asked beats not having it',
    fromIssue: false,
    better: {
      label: 'Git at level 1',
      posting: sixSkills,
      profile: candidate([...allButGit.skills.map((e) => [e.skill.name, e.level ?? 3] as const), ['Git', 1]]),
    },
    worse: { label: 'no Git', posting: sixSkills, profile: allButGit },
  },
];

export interface JudgedPair {
  title: string;
  fromIssue: boolean;
  better: string;
  betterScore: number;
  worse: string;
  worseScore: number;
  ordered: boolean;
}

function scoreOf(match: MatchCase): number {
  const result = scoreCandidate(match.posting, match.profile);
  return result.scored ? result.score : Number.NaN;
}

export function judgePairs(pairs: readonly PairCase[] = PAIRS): JudgedPair[] {
  return pairs.map((pair) => {
    const betterScore = scoreOf(pair.better);
    const worseScore = scoreOf(pair.worse);
    return {
      title: pair.title,
      fromIssue: pair.fromIssue,
      better: pair.better.label,
      betterScore,
      worse: pair.worse.label,
      worseScore,
      ordered: betterScore > worseScore,
    };
  });
}
