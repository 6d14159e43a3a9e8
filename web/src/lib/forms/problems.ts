import { tick } from 'svelte';

/** What is wrong with a form, field by field, in words for the person filling it in. */
export type Problems<Field extends string> = Partial<Record<Field, string>>;

/**
 * Moves focus to the first field with a problem, once its message is on the page, so keyboard and
 * screen-reader users land where the form needs them. Resolves to whether there was one.
 */
export async function focusFirstProblem<Field extends string>(
  problems: Problems<Field>,
  fieldIds: Record<Field, string>,
): Promise<boolean> {
  const field = (Object.keys(fieldIds) as Field[]).find((name) => problems[name]);
  if (!field) return false;
  await tick();
  document.getElementById(fieldIds[field])?.focus();
  return true;
}
