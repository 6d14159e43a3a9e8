import type { SkillRef } from './skill-ref.ts';

/**
 * Placeholder until the skills engine lands: the engine replaces this file with taxonomy lookups.
 * Unknown names are kept as free-text skills whose id is `custom:` plus a slug of the name.
 */
export function resolveSkill(input: string): SkillRef {
  const name = input.trim().replace(/\s+/g, ' ');
  const slug = name.toLowerCase().replace(/[^a-z0-9#+.]+/g, '-');
  return { id: `custom:${slug}`, name };
}
