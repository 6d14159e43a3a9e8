/**
 * The profile index's lists, merged at build time: per requirement skill, one list of every profile that
 * earns credit for it — through the skill itself, a skill that implies it, or a skill with a credit
 * relation (`skill-relations.ts`) — sorted by row. A query then walks one list per requirement instead of
 * the skill's, the implying skills' and up to 30 related skills' lists, and keeps the best credit of a
 * row in a register instead of a scratch array.
 *
 * Each entry is row × 256 + code, code = source class × 8 + level. A requirement skill's classes are
 * its credit factors in descending order: 1 for the skill itself, IMPLIED_DISCOUNT for an implying
 * skill, each distinct relation factor. Within a row and class only the best level is kept, and a pair
 * is dropped when another has both a factor and a level at least as high: its credit,
 * factor × levelCredit(level, minimum), can never be the larger for any minimum level.
 */
import { IMPLIED_DISCOUNT, impliedCredit, levelCredit, relatedCredit } from './match-rules.ts';
import { creditRelationsFor, creditRelationsFrom } from './skill-relations.ts';
import { allSkills, impliedSkillIds } from './taxonomy.ts';
import type { Interner } from './fan-out-csr.ts';

const LEVEL_BITS = 3;
const CLASS_BITS = 5;
const CODE_BITS = CLASS_BITS + LEVEL_BITS;
const CODE_MASK = (1 << CODE_BITS) - 1;
const MAX_CLASSES = 1 << CLASS_BITS;
/** Rows must fit beside the code in a positive Int32. */
export const MAX_CREDIT_LIST_ROWS = 2 ** (31 - CODE_BITS);

type SourceKind = 'exact' | 'implied' | 'related';

interface SourceClass {
  kind: SourceKind;
  factor: number;
}

/** A requirement skill's credit sources, ordered by factor, highest first. */
function sourceClassesFor(skillId: string): SourceClass[] {
  const related = [...new Set(creditRelationsFor(skillId).map((relation) => relation.factor))].map(
    (factor): SourceClass => ({ kind: 'related', factor }),
  );
  const own: SourceClass[] = [
    { kind: 'exact', factor: 1 },
    { kind: 'implied', factor: IMPLIED_DISCOUNT },
  ];
  const classes = [...own, ...related].sort((a, b) => b.factor - a.factor);
  if (classes.length > MAX_CLASSES) throw new Error(`${skillId}: too many credit factors to encode`);
  return classes;
}

export interface CreditLists {
  offsets: Int32Array;
  entries: Int32Array;
  /** Credit by code for requirement `key` at `minimum` (1–5), from the same functions as the scorer. */
  creditsFor(key: number, minimum: number): Float64Array;
}

/** Each row's own skills at their best level: keys and levels of row r at `offsets[r]..offsets[r + 1]`. */
export interface RowSkills {
  offsets: Int32Array;
  keys: Int32Array;
  levels: Uint8Array;
}

/**
 * Builds the merged lists over `rows`, whose keys `skills` interned. Every taxonomy skill is interned
 * too, so a requirement no profile has still finds the profiles with related skills.
 */
export function buildCreditLists(skills: Interner, rows: RowSkills): CreditLists {
  const rowCount = rows.offsets.length - 1;
  if (rowCount > MAX_CREDIT_LIST_ROWS) throw new Error(`at most ${MAX_CREDIT_LIST_ROWS} profiles`);
  for (const skill of allSkills()) skills.intern(skill.id);
  const ids = skills.values();
  const keyCount = ids.length;
  const classes = ids.map(sourceClassesFor);
  const exactClass = Uint8Array.from(classes, (list) => list.findIndex((entry) => entry.kind === 'exact'));
  const impliedClass = Uint8Array.from(classes, (list) =>
    list.findIndex((entry) => entry.kind === 'implied'),
  );
  // Per candidate skill key: the requirement keys it earns credit for (itself first), each packed with
  // its class there, in one flat array.
  const targetOffsets = new Int32Array(keyCount + 1);
  const targetList: number[] = [];
  ids.forEach((id, candidateKey) => {
    targetList.push((candidateKey << CLASS_BITS) | exactClass[candidateKey]!);
    for (const impliedId of impliedSkillIds(id)) {
      const key = skills.lookup(impliedId);
      if (key >= 0) targetList.push((key << CLASS_BITS) | impliedClass[key]!);
    }
    for (const relation of creditRelationsFrom(id)) {
      const key = skills.lookup(relation.id);
      if (key < 0) continue;
      const at = classes[key]!.findIndex(
        (entry) => entry.kind === 'related' && entry.factor === relation.factor,
      );
      targetList.push((key << CLASS_BITS) | at);
    }
    targetOffsets[candidateKey + 1] = targetList.length;
  });
  const targets = Int32Array.from(targetList);

  // Room for each list: every (row, source) pair it could receive, counted from the rows' own skills
  // without walking the rows — a few per cent above what the de-domination below keeps.
  const room = new Float64Array(keyCount + 1);
  for (let at = 0; at < rows.keys.length; at++) {
    const key = rows.keys[at]!;
    for (let next = targetOffsets[key]!; next < targetOffsets[key + 1]!; next++) {
      room[(targets[next]! >> CLASS_BITS) + 1]! += 1;
    }
  }
  for (let key = 0; key < keyCount; key++) room[key + 1]! += room[key]!;
  if (room[keyCount]! >= 2 ** 31) throw new Error('too many credit entries for one index');
  const fill = Int32Array.from(room.subarray(0, keyCount));
  const entries = new Int32Array(room[keyCount]!);

  // Per row: the best level per (requirement key, class), then the pairs no other pair dominates.
  const levels = new Uint8Array(keyCount * MAX_CLASSES);
  const touchedBy = new Int32Array(keyCount).fill(-1);
  const touched = new Int32Array(keyCount);
  const classMask = new Int32Array(keyCount);
  for (let row = 0; row < rowCount; row++) {
    let touchedCount = 0;
    for (let at = rows.offsets[row]!; at < rows.offsets[row + 1]!; at++) {
      const key = rows.keys[at]!;
      const level = rows.levels[at]!;
      const end = targetOffsets[key + 1]!;
      for (let next = targetOffsets[key]!; next < end; next++) {
        const target = targets[next]!;
        const targetKey = target >> CLASS_BITS;
        if (touchedBy[targetKey] !== row) {
          touchedBy[targetKey] = row;
          touched[touchedCount++] = targetKey;
          classMask[targetKey] = 0;
        }
        classMask[targetKey]! |= 1 << (target & (MAX_CLASSES - 1));
        if (level > levels[target]!) levels[target] = level;
      }
    }
    for (let at = 0; at < touchedCount; at++) {
      const key = touched[at]!;
      let bestLevel = 0;
      // Classes by factor, highest first: the set bits of the mask from the lowest.
      for (let mask = classMask[key]!; mask !== 0; mask &= mask - 1) {
        const sourceClass = 31 - Math.clz32(mask & -mask);
        const slot = (key << CLASS_BITS) | sourceClass;
        const level = levels[slot]!;
        levels[slot] = 0;
        if (level <= bestLevel) continue;
        bestLevel = level;
        entries[fill[key]!++] = (row << CODE_BITS) | (sourceClass << LEVEL_BITS) | level;
      }
    }
  }
  // Close the gaps the de-domination left, list by list, in place.
  const offsets = new Int32Array(keyCount + 1);
  for (let key = 0; key < keyCount; key++) {
    const start = room[key]!;
    const length = fill[key]! - start;
    entries.copyWithin(offsets[key]!, start, start + length);
    offsets[key + 1] = offsets[key]! + length;
  }
  const packed = entries.subarray(0, offsets[keyCount]!);

  const tables = new Map<number, Float64Array>();
  const creditsFor = (key: number, minimum: number): Float64Array => {
    const cacheKey = key * 8 + minimum;
    let table = tables.get(cacheKey);
    if (!table) {
      table = new Float64Array(CODE_MASK + 1);
      classes[key]!.forEach(({ kind, factor }, sourceClass) => {
        for (let level = 1; level <= 5; level++) {
          table![(sourceClass << LEVEL_BITS) | level] =
            kind === 'exact'
              ? levelCredit(level, minimum)
              : kind === 'implied'
                ? impliedCredit(level, minimum)
                : relatedCredit(factor, level, minimum);
        }
      });
      tables.set(cacheKey, table);
    }
    return table;
  };
  return { offsets, entries: packed, creditsFor };
}

/**
 * Adds weight × the row's best credit for one requirement to `into[row]`, for every row on list `key`:
 * the same expression, per requirement, as the scorer. A list's entries for one row are adjacent.
 */
export function addRequirementCredit(
  lists: CreditLists,
  key: number,
  minimum: number,
  weight: number,
  into: Float64Array,
): void {
  if (key < 0) return;
  const { offsets, entries } = lists;
  const credits = lists.creditsFor(key, minimum);
  const end = offsets[key + 1]!;
  let previous = -1;
  let best = 0;
  for (let at = offsets[key]!; at < end; at++) {
    const entry = entries[at]!;
    const row = entry >> CODE_BITS;
    const credit = credits[entry & CODE_MASK]!;
    if (row !== previous) {
      if (previous >= 0) into[previous]! += weight * best;
      previous = row;
      best = credit;
    } else if (credit > best) {
      best = credit;
    }
  }
  if (previous >= 0) into[previous]! += weight * best;
}
