import { describe, expect, it } from 'vitest';
import { resolveSkill, suggestSkills, typoDistance, typosAllowed } from '../../server/domain/skills.ts';

describe('resolveSkill', () => {
  it.each([
    ['Postgres', 'postgresql', 'PostgreSQL'],
    ['psql', 'postgresql', 'PostgreSQL'],
    ['  POSTGRESQL ', 'postgresql', 'PostgreSQL'],
    ['k8s', 'kubernetes', 'Kubernetes'],
    ['JS', 'javascript', 'JavaScript'],
    ['Node', 'nodejs', 'Node.js'],
    ['NodeJS', 'nodejs', 'Node.js'],
    ['node js', 'nodejs', 'Node.js'],
    ['golang', 'go', 'Go'],
    ['c#', 'csharp', 'C#'],
    ['C++', 'cpp', 'C++'],
    ['c', 'c', 'C'],
    ['.net core', 'dotnet', '.NET'],
    ['asp.net core', 'aspnet-core', 'ASP.NET Core'],
    ['spring-boot', 'spring-boot', 'Spring Boot'],
    ['RoR', 'rails', 'Ruby on Rails'],
    ['ci/cd', 'ci-cd-practice', 'CI/CD'],
    ['restful', 'rest-api', 'REST'],
  ])('maps %j to %s', (input, id, name) => {
    expect(resolveSkill(input)).toEqual({ id, name });
  });

  it('keeps unknown names as free-text skills that match each other exactly', () => {
    const first = resolveSkill('  Quantum   Basket Weaving ');
    expect(first).toEqual({ id: 'custom:quantum-basket-weaving', name: 'Quantum Basket Weaving' });
    expect(resolveSkill('quantum basket weaving').id).toBe(first.id);
    expect(resolveSkill('Quantum Knitting').id).not.toBe(first.id);
  });
});

describe('suggestSkills', () => {
  it('puts the exact name first and completes prefixes', () => {
    const ids = suggestSkills('post', 5).map((skill) => skill.id);
    expect(ids).toContain('postgresql');
    expect(suggestSkills('python', 3)[0]).toEqual({ id: 'python', name: 'Python' });
  });

  it('finds the canonical skill through an alias, once', () => {
    const suggestions = suggestSkills('k8', 5);
    expect(suggestions[0]).toEqual({ id: 'kubernetes', name: 'Kubernetes' });
    expect(suggestions.filter((skill) => skill.id === 'kubernetes')).toHaveLength(1);
    expect(suggestSkills('Postgres', 3)[0]?.id).toBe('postgresql');
  });

  it('respects the limit and answers nothing for an empty query', () => {
    expect(suggestSkills('s', 4)).toHaveLength(4);
    expect(suggestSkills('   ', 10)).toEqual([]);
    expect(suggestSkills('zzzzzz', 10)).toEqual([]);
  });

  it('matches a later word of a name', () => {
    expect(suggestSkills('boot', 5).map((skill) => skill.id)).toContain('spring-boot');
  });
});

describe('suggestSkills forgives', () => {
  it.each([
    ['pyhton', 'python'],
    ['kubernates', 'kubernetes'],
    ['postgress', 'postgresql'],
    ['javscript', 'javascript'],
    ['type script', 'typescript'],
    ['vue3', 'vue'],
    ['terrafrom', 'terraform'],
    ['djnago', 'django'],
    ['reddis', 'redis'],
    ['kafak', 'kafka'],
    ['jenkis', 'jenkins'],
    ['typscript', 'typescript'],
    ['elasticsearh', 'elasticsearch'],
    ['sprng boot', 'spring-boot'],
    ['mongo db', 'mongodb'],
    ['rabbit mq', 'rabbitmq'],
  ])('offers the right skill first for %j', (query, id) => {
    expect(suggestSkills(query, 5)[0]?.id).toBe(id);
  });

  it('ranks an exact short alias above names it merely starts', () => {
    expect(suggestSkills('es', 5)[0]?.id).toBe('elasticsearch');
    expect(suggestSkills('tf', 5)[0]?.id).toBe('terraform');
    expect(suggestSkills('js', 5)[0]?.id).toBe('javascript');
  });

  it('allows typos as Meilisearch does: none under 5 characters, one from 5, two from 9', () => {
    expect([4, 5, 8, 9].map(typosAllowed)).toEqual([0, 1, 1, 2]);
    expect(suggestSkills('rect', 5)).toEqual([]);
    expect(typoDistance('pyhton', 'python', 1)).toBe(1);
    expect(typoDistance('kubernates', 'kubernetes', 2)).toBe(1);
    expect(typoDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(suggestSkills('pythno', 5)[0]?.id).toBe('python');
  });

  it('puts completions before typo matches', () => {
    expect(suggestSkills('dock', 3)[0]?.id).toBe('docker');
    expect(suggestSkills('graphq', 3)[0]?.id).toBe('graphql');
  });
});
