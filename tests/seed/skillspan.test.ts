import { describe, expect, it } from 'vitest';
import {
  cleanTitle,
  compensationFrom,
  detokenize,
  readSkillSpanPosting,
  replacePlaceholders,
  skillForTag,
} from '../../server/seed/skillspan.ts';

const headerOnLines = [
  'Senior Backend Engineer ( m/f/d ) <ORGANIZATION>',
  '<ADDRESS> <ADDRESS> <LOCATION> - GB',
  'Date posted: 2021-07-14',
  'Likes: 0 Dislikes: 0 Love: 0',
  'Job description:',
  'Compensation:',
  '£60k - 80k | Equity',
  'Location options:',
  'Remote Visa sponsor',
  'Job type:',
  'Full-time',
  'Experience level:',
  'Mid-Level Senior',
  'Technologies',
  'go postgresql amazon-web-services agile',
  'Job description',
  'About <ORGANIZATION> <ORGANIZATION>',
  '<ORGANIZATION> builds payment APIs ( in Go ) for <LOCATION> .',
  'Requirements',
  '* 5+ years of Go',
  '* Solid PostgreSQL skills',
  'Experience with Kafka is a plus .',
  'Job benefits:',
  'Free fruit .',
].join('\n');

describe('readSkillSpanPosting', () => {
  it('reads the header fields, tags and body of a posting whose header is on its own lines', () => {
    const posting = readSkillSpanPosting({
      id: 'p1',
      title: 'Senior Backend Engineer ( m/f/d ) <ORGANIZATION>',
      text: headerOnLines,
    });
    expect(posting).toMatchObject({
      sourceId: 'p1',
      title: 'Senior Backend Engineer (m/f/d)',
      seniority: 'senior',
      remote: 'remote',
      employmentType: 'full-time',
      country: 'GB',
      compensation: { min: 60_000, max: 80_000, currency: 'GBP' },
    });
    expect(posting.tagSkills.map((skill) => skill.id)).toEqual(['go', 'postgresql', 'aws', 'agile']);
    // "builds payment APIs" describes the company's product; "APIs" alone is too plain a word to read as
    // the practice of API design.
    expect(posting.mentionedSkills.required).toEqual([
      { skill: { id: 'go', name: 'Go' }, level: 4 },
      { skill: { id: 'postgresql', name: 'PostgreSQL' } },
    ]);
    expect(posting.mentionedSkills.niceToHave.map((entry) => entry.skill.id)).toEqual(['kafka']);
    expect(posting.description).toBe(
      [
        '**About \\[company\\]**',
        '\\[company\\] builds payment APIs (in Go) for \\[location\\].',
        '**Requirements**',
        '- 5+ years of Go\n- Solid PostgreSQL skills',
        'Experience with Kafka is a plus.',
        '## Benefits',
        'Free fruit.',
      ].join('\n\n'),
    );
  });

  it('reads a header run into one line and falls back when fields are missing', () => {
    const text =
      'Frontend Engineer <ORGANIZATION> <LOCATION> Date posted: 2021-03-28 Likes: 0 Dislikes: 0 Love: 0 ' +
      'Job description: Job type: Contract Experience level: Junior Mid-Level Role: Frontend Developer ' +
      'Technologies reactjs symfony2 ott Job description Join us to build things with React .\nThanks .';
    const posting = readSkillSpanPosting({ id: 'p2', title: text.split('\n')[0]!, text });
    expect(posting).toMatchObject({
      title: 'Frontend Engineer',
      seniority: 'mid',
      remote: undefined,
      employmentType: 'contract',
      country: undefined,
      compensation: undefined,
    });
    expect(posting.tagSkills.map((skill) => skill.id)).toEqual(['react', 'symfony']);
    expect(posting.description).toBe('Join us to build things with React. Thanks.');
  });

  it('takes the whole text after the title when there is no header at all', () => {
    const posting = readSkillSpanPosting({
      id: 'p3',
      title: 'Software Engineer',
      text: 'Software Engineer\nWe write Python .\nWe work from home two days a week .',
    });
    expect(posting.description).toBe('We write Python. We work from home two days a week.');
    expect(posting.remote).toBe('hybrid');
    expect(posting.seniority).toBeUndefined();
  });
});

describe('SkillSpan text helpers', () => {
  it('collapses runs of one placeholder into one bracketed word', () => {
    expect(replacePlaceholders('At <ORGANIZATION> <ORGANIZATION> in <LOCATION> , call <NAME> <FOO>')).toBe(
      'At \\[company\\] in \\[location\\] , call \\[name\\] \\[removed\\]',
    );
  });

  it('undoes the tokenisation', () => {
    expect(detokenize('Hello , world ( really ) . Senior . NET dev ’s')).toBe(
      'Hello, world (really). Senior .NET dev’s',
    );
  });

  it('reads compensation only where the currency is unambiguous', () => {
    expect(compensationFrom('€48k - 84k')).toEqual({ min: 48_000, max: 84_000, currency: 'EUR' });
    expect(compensationFrom('kr480k - 720k')).toBeUndefined();
    expect(compensationFrom('Equity')).toBeUndefined();
  });

  it('cleans titles with runaway headers and dangling words', () => {
    expect(cleanTitle('Android Engineer ( m/f/x ) onsite or remote ( in <LOCATION> ) <ORGANIZATION>')).toBe(
      'Android Engineer (m/f/x) onsite or remote',
    );
    expect(cleanTitle('Full Stack Engineer at <ORGANIZATION>')).toBe('Full Stack Engineer');
    expect(cleanTitle('<ORGANIZATION>')).toBe('Software Engineer');
  });

  it('maps Stack Overflow tags to taxonomy skills', () => {
    expect(skillForTag('amazon-web-services')?.id).toBe('aws');
    expect(skillForTag('net-core')?.id).toBe('dotnet');
    expect(skillForTag('ott')).toBeUndefined();
  });
});
