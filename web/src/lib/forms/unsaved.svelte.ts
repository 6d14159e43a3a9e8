import { router } from '../router.svelte.ts';

const QUESTION = 'You have unsaved changes. Leave this page and lose them?';

/**
 * Asks before the page is left (a link, back, closing the tab) while `hasUnsavedChanges` holds. Call
 * while a component is being set up; the guard goes with the component.
 */
export function guardUnsavedChanges(hasUnsavedChanges: () => boolean): void {
  $effect(() => {
    const removeGuard = router.guardLeaving(() => (hasUnsavedChanges() ? QUESTION : null));
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (hasUnsavedChanges()) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      removeGuard();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  });
}

/** A form's state as text, to compare with what was loaded or last saved. */
export function snapshot(form: unknown): string {
  return JSON.stringify(form);
}
