import { describe, expect, it } from 'vitest';
import { distinctExtractedSkills, extractSkills } from '../../server/domain/extraction.ts';

function idsIn(text: string): string[] {
  return extractSkills(text).map((mention) => mention.skill.id);
}

describe('extractSkills', () => {
  it('finds punctuation-bearing names with offsets into the text', () => {
    const text =
      'Stack: C#, .NET and ASP.NET Core on the back end, Node.js and C++ tools, CI/CD via GitHub Actions.';
    const mentions = extractSkills(text);
    expect(mentions.map((mention) => [mention.skill.id, mention.text])).toEqual([
      ['csharp', 'C#'],
      ['dotnet', '.NET'],
      ['aspnet-core', 'ASP.NET Core'],
      ['nodejs', 'Node.js'],
      ['cpp', 'C++'],
      ['ci-cd-practice', 'CI/CD'],
      ['github-actions', 'GitHub Actions'],
    ]);
    for (const mention of mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it('tells Go the language from go the verb', () => {
    expect(idsIn('We go the extra mile and go live weekly. Let us go!')).toEqual([]);
    expect(idsIn('Our services are written in Go.')).toEqual(['go']);
    expect(idsIn('Go developers: experience with Python, Go and Rust.')).toEqual([
      'go',
      'python',
      'go',
      'rust',
    ]);
    expect(idsIn('Technologies\ndocker go postgresql')).toEqual(['docker', 'go', 'postgresql']);
    expect(idsIn('Python, go live next week.')).toEqual(['python']);
  });

  it('avoids ordinary words unless context says technology', () => {
    expect(idsIn('In Spring 2025 we move offices; rust on the rails; the chef and a puppet show.')).toEqual(
      [],
    );
    expect(idsIn('Knowledge of Spring and Hibernate, Chef or Puppet, Express middleware.')).toEqual([
      'spring',
      'hibernate',
      'chef',
      'puppet',
      'express',
    ]);
    expect(idsIn('Report to C-level executives. Grade C is fine. R&D budget.')).toEqual([]);
    expect(idsIn('Strong C/C++ and experience with R for statistics.')).toEqual(['c', 'cpp', 'r']);
    expect(idsIn('Swift response times and a swift onboarding.')).toEqual([]);
    expect(idsIn('Mobile apps in Swift and Kotlin.')).toEqual(['swift', 'kotlin']);
  });

  it('matches case-sensitive forms only in their casing', () => {
    expect(idsIn('Design REST APIs.')).toEqual(['rest-api']);
    expect(idsIn('The rest of the team.')).toEqual([]);
  });

  it('maps aliases to canonical skills', () => {
    expect(extractSkills('Postgres, k8s, golang and RoR').map((mention) => mention.skill)).toEqual([
      { id: 'postgresql', name: 'PostgreSQL' },
      { id: 'kubernetes', name: 'Kubernetes' },
      { id: 'go', name: 'Go' },
      { id: 'rails', name: 'Ruby on Rails' },
    ]);
  });

  it('does not find skills inside other words or dotted names', () => {
    expect(idsIn('Javascripting, pythonic, mysqlx, example.net, reactive')).toEqual([]);
  });

  it('strips hidden characters before matching and reports offsets into the original text', () => {
    const text = 'Skills: Py\u200bthon and Kub\u2060ernetes\u{E0020}\u{E0047}\u{E006F}';
    const mentions = extractSkills(text);
    expect(mentions.map((mention) => mention.skill.id)).toEqual(['python', 'kubernetes']);
    expect(mentions[0]).toMatchObject({ start: 8, end: 15, text: 'Py\u200bthon' });
    expect(text.slice(mentions[1]?.start, mentions[1]?.end)).toBe('Kub\u2060ernetes');
  });

  it('ignores text hidden in Unicode tag characters', () => {
    const hidden = [...'Python'].map((char) => String.fromCodePoint(0xe0000 + char.charCodeAt(0))).join('');
    expect(idsIn(`Friendly team ${hidden}.`)).toEqual([]);
  });

  it('reads stated years into a level', () => {
    const mentions = extractSkills(
      '5+ years of Python and Django; 3-5 years experience with Java or Kotlin. PostgreSQL (2 years), Docker: 8 yrs. Redis.',
    );
    expect(mentions.map((mention) => [mention.skill.id, mention.level])).toEqual([
      ['python', 4],
      ['django', 4],
      ['java', 3],
      ['kotlin', 3],
      ['postgresql', 3],
      ['docker', 5],
      ['redis', undefined],
    ]);
  });

  it('reads years written as words', () => {
    expect(extractSkills('At least three years of professional experience with TypeScript')[0]?.level).toBe(
      3,
    );
  });

  it('merges mentions into distinct skills with the highest stated level', () => {
    const distinct = distinctExtractedSkills(extractSkills('Python. 8+ years of Python. Go developers.'));
    expect(distinct).toEqual([
      { skill: { id: 'python', name: 'Python' }, level: 5 },
      { skill: { id: 'go', name: 'Go' } },
    ]);
  });

  it('finds every mention in a long text', () => {
    const text = 'Python, Kafka and PostgreSQL. '.repeat(2_000);
    expect(extractSkills(text)).toHaveLength(6_000);
  });
});

describe('extractSkills on names with hyphens and links', () => {
  it('treats a hyphen inside a name like a space', () => {
    expect(idsIn('spring-mvc, Spring MVC, ruby-on-rails, service oriented architecture')).toEqual([
      'spring-mvc',
      'spring-mvc',
      'rails',
      'microservices',
    ]);
  });

  it('does not read URL schemes as skills', () => {
    expect(idsIn('Apply at http://example.com/jobs. We speak HTTP and gRPC.')).toEqual([
      'networking',
      'grpc',
    ]);
  });
});
