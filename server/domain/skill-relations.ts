/**
 * Which of a candidate's skills earn credit for a requirement they lack, and how much: rules over the
 * taxonomy's categories plus its reviewed edges, derived once. The pure scorer and both fan-out indexes
 * read the same table, so they credit the same skills by the same factors.
 *
 * - related: a reviewed `related` edge, similarity × RELATED_DISCOUNT (MySQL for PostgreSQL);
 * - language: the requirement is a framework or tool of a language the candidate knows (Python for
 *   Django, Java for Spring Boot): LANGUAGE_CREDIT. The framework still implies the language, one way;
 * - platform: the requirement is a runtime platform and the candidate knows one of its languages (C# for
 *   .NET, JavaScript for Node.js): PLATFORM_LANGUAGE_CREDIT;
 * - neighbour: both sit in one operations or tooling category (Kubernetes and Docker, Jenkins and
 *   GitLab CI): NEIGHBOUR_SIMILARITY × RELATED_DISCOUNT, unless a reviewed edge says more.
 *
 * Where several rules link the same pair, the largest factor counts.
 */
import {
  LANGUAGE_CREDIT,
  NEIGHBOUR_SIMILARITY,
  PLATFORM_LANGUAGE_CREDIT,
  RELATED_DISCOUNT,
} from './match-rules.ts';
import { allSkills, getSkill, impliedSkillIds } from './taxonomy.ts';

export type RelationKind = 'related' | 'language' | 'platform' | 'neighbour';

/** The candidate skill `id` earns `factor` × level credit for the requirement it is listed under. */
export interface CreditRelation {
  id: string;
  factor: number;
  relation: RelationKind;
}

/** Categories whose members stand in for one another to a degree: operations and tooling. */
export const NEIGHBOUR_CATEGORIES: ReadonlySet<string> = new Set([
  'container',
  'ci-cd',
  'infrastructure-as-code',
  'observability',
  'version-control',
  'cloud',
]);

const LANGUAGE_CATEGORY = 'language';
const PLATFORM_CATEGORY = 'runtime-platform';

function buildRelations(): Map<string, CreditRelation[]> {
  const byRequirement = new Map<string, Map<string, CreditRelation>>();
  const offer = (requirementId: string, candidateId: string, factor: number, relation: RelationKind) => {
    if (requirementId === candidateId || !(factor > 0)) return;
    const relations = byRequirement.get(requirementId) ?? new Map<string, CreditRelation>();
    const current = relations.get(candidateId);
    if (!current || factor > current.factor)
      relations.set(candidateId, { id: candidateId, factor, relation });
    byRequirement.set(requirementId, relations);
  };
  const byCategory = new Map<string, string[]>();
  for (const skill of allSkills()) {
    byCategory.set(skill.category, [...(byCategory.get(skill.category) ?? []), skill.id]);
  }
  for (const skill of allSkills()) {
    for (const related of skill.related) {
      offer(skill.id, related.id, related.similarity * RELATED_DISCOUNT, 'related');
    }
    if (skill.category !== LANGUAGE_CATEGORY && skill.category !== PLATFORM_CATEGORY) {
      for (const impliedId of impliedSkillIds(skill.id)) {
        if (getSkill(impliedId)?.category === LANGUAGE_CATEGORY) {
          offer(skill.id, impliedId, LANGUAGE_CREDIT, 'language');
        }
      }
    }
    if (skill.category === PLATFORM_CATEGORY) {
      for (const languageId of skill.languages ?? []) {
        offer(skill.id, languageId, PLATFORM_LANGUAGE_CREDIT, 'platform');
      }
    }
    if (NEIGHBOUR_CATEGORIES.has(skill.category)) {
      for (const neighbourId of byCategory.get(skill.category) ?? []) {
        offer(skill.id, neighbourId, NEIGHBOUR_SIMILARITY * RELATED_DISCOUNT, 'neighbour');
      }
    }
  }
  const sorted = new Map<string, CreditRelation[]>();
  for (const [id, relations] of byRequirement) {
    sorted.set(
      id,
      [...relations.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
  }
  return sorted;
}

let relationsByRequirement: Map<string, CreditRelation[]> | undefined;
let relationsByCandidate: Map<string, CreditRelation[]> | undefined;

/** The candidate skills that earn credit for requirement `id` (not the skill itself, not implying ones). */
export function creditRelationsFor(id: string): readonly CreditRelation[] {
  relationsByRequirement ??= buildRelations();
  return relationsByRequirement.get(id) ?? [];
}

/** The other way round: the requirements candidate skill `id` earns credit for, with the same factors. */
export function creditRelationsFrom(id: string): readonly CreditRelation[] {
  if (!relationsByCandidate) {
    relationsByRequirement ??= buildRelations();
    relationsByCandidate = new Map();
    for (const [requirementId, relations] of relationsByRequirement) {
      for (const relation of relations) {
        const list = relationsByCandidate.get(relation.id) ?? [];
        list.push({ id: requirementId, factor: relation.factor, relation: relation.relation });
        relationsByCandidate.set(relation.id, list);
      }
    }
  }
  return relationsByCandidate.get(id) ?? [];
}

/** The factor candidate skill `candidateId` earns for requirement `requirementId`, with its rule. */
export function creditRelation(requirementId: string, candidateId: string): CreditRelation | undefined {
  return creditRelationsFor(requirementId).find((relation) => relation.id === candidateId);
}
