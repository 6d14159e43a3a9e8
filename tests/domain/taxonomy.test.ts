import { describe, expect, it } from 'vitest';
import {
  allSkills,
  compactSkillName,
  getSkill,
  impliedSkillIds,
  normalizeSkillName,
  relatedSimilarity,
} from '../../server/domain/taxonomy.ts';

describe('taxonomy integrity', () => {
  const skills = allSkills();

  it('holds at least 300 skills with unique ids', () => {
    expect(skills.length).toBeGreaterThanOrEqual(300);
    expect(new Set(skills.map((skill) => skill.id)).size).toBe(skills.length);
  });

  it('gives every name and alias to one skill only, even ignoring punctuation', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const skill of skills) {
      for (const term of [skill.name, ...skill.aliases, ...(skill.pickerAliases ?? [])]) {
        for (const key of new Set([normalizeSkillName(term), compactSkillName(term)])) {
          const owner = owners.get(key);
          if (owner !== undefined && owner !== skill.id) clashes.push(`${key}: ${owner} / ${skill.id}`);
          owners.set(key, skill.id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has no dangling implies or related ids and no self references', () => {
    const problems: string[] = [];
    for (const skill of skills) {
      for (const id of skill.implies) {
        if (!getSkill(id)) problems.push(`${skill.id} implies unknown ${id}`);
        if (id === skill.id) problems.push(`${skill.id} implies itself`);
      }
      for (const related of skill.related) {
        if (!getSkill(related.id)) problems.push(`${skill.id} related to unknown ${related.id}`);
        if (related.id === skill.id) problems.push(`${skill.id} related to itself`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no cycle of implies', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        cycles.push([...path, id].join(' → '));
        return;
      }
      state.set(id, 'visiting');
      for (const next of getSkill(id)?.implies ?? []) visit(next, [...path, id]);
      state.set(id, 'done');
    };
    for (const skill of skills) visit(skill.id, []);
    expect(cycles).toEqual([]);
  });

  it('keeps related similarities strictly between 0 and 1, symmetric, without duplicates', () => {
    const problems: string[] = [];
    for (const skill of skills) {
      const ids = skill.related.map((related) => related.id);
      if (new Set(ids).size !== ids.length) problems.push(`${skill.id} lists a related skill twice`);
      for (const related of skill.related) {
        if (!(related.similarity > 0 && related.similarity < 1)) problems.push(`${skill.id}~${related.id}`);
        if (relatedSimilarity(related.id, skill.id) !== related.similarity) {
          problems.push(`${skill.id}~${related.id} is not symmetric`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('only marks as ambiguous or case-sensitive the forms the skill actually has', () => {
    const problems: string[] = [];
    for (const skill of skills) {
      const forms = new Set([skill.name, ...skill.aliases]);
      for (const form of [...(skill.ambiguous ?? []), ...(skill.caseSensitive ?? [])]) {
        if (![...forms].some((known) => known.toLowerCase() === form.toLowerCase())) {
          problems.push(`${skill.id}: ${form}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('covers the ecosystems a back-end developer meets', () => {
    const expected = [
      'python',
      'django',
      'flask',
      'fastapi',
      'java',
      'spring',
      'spring-boot',
      'php',
      'laravel',
      'symfony',
      'csharp',
      'dotnet',
      'aspnet-core',
      'nodejs',
      'express',
      'fastify',
      'nestjs',
      'go',
      'ruby',
      'rails',
      'rust',
      'kotlin',
      'scala',
      'elixir',
      'mysql',
      'mariadb',
      'postgresql',
      'sqlite',
      'mongodb',
      'redis',
      'elasticsearch',
      'cassandra',
      'dynamodb',
      'kafka',
      'rabbitmq',
      'docker',
      'kubernetes',
      'terraform',
      'aws',
      'gcp',
      'azure',
      'git',
      'github-actions',
      'rest-api',
      'graphql',
      'grpc',
      'oauth',
      'jwt',
      'new-relic',
      'datadog',
      'prometheus',
      'opentelemetry',
    ];
    expect(expected.filter((id) => !getSkill(id))).toEqual([]);
  });

  it('lists languages only on runtime platforms, and only languages there', () => {
    const problems = skills.flatMap((skill) =>
      (skill.languages ?? []).flatMap((id) =>
        skill.category !== 'runtime-platform' || getSkill(id)?.category !== 'language'
          ? [`${skill.id}: ${id}`]
          : [],
      ),
    );
    expect(problems).toEqual([]);
    expect(getSkill('dotnet')?.languages).toContain('csharp');
  });

  it('keeps plain words and picker aliases to forms a skill can be typed as', () => {
    const problems = skills.flatMap((skill) =>
      (skill.plainWords ?? []).flatMap((word) =>
        [skill.name, ...skill.aliases].some((form) => form.toLowerCase() === word.toLowerCase())
          ? []
          : [`${skill.id}: ${word}`],
      ),
    );
    expect(problems).toEqual([]);
  });

  it('resolves implied skills transitively and one way only', () => {
    expect(impliedSkillIds('spring-boot')).toEqual(expect.arrayContaining(['spring', 'java']));
    expect(impliedSkillIds('django')).toContain('python');
    expect(impliedSkillIds('laravel')).toContain('php');
    expect(impliedSkillIds('aspnet-core')).toContain('csharp');
    expect(impliedSkillIds('python')).not.toContain('django');
  });
});
