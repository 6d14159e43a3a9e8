/** Moving an applicant to another stage, with an optional private note: the form on each applicant. */
import { ApiError } from '../../lib/api.ts';
import {
  APPLICATION_NOTE_LIMIT,
  APPLICATION_STAGE_LABEL,
  APPLICATION_STAGES,
  companyMayMove,
} from '../../lib/applications.ts';
import { characterCount } from '../../lib/forms/counter.ts';
import { isOneOf } from '../../../../server/shared/vocabulary.ts';
import type { ApplicationChange, ApplicationStage } from '../../lib/types.ts';

export interface StageMoveForm {
  stage: ApplicationStage;
  note: string;
}

export interface StageChoice {
  stage: ApplicationStage;
  label: string;
  current: boolean;
}

/** The stages the select offers, in pipeline order: where the application is, and where it may go. */
export function stageChoices(current: ApplicationStage): StageChoice[] {
  return APPLICATION_STAGES.filter((stage) => stage === current || companyMayMove(current, stage)).map(
    (stage) => ({
      stage,
      label:
        stage === current ? `${APPLICATION_STAGE_LABEL[stage]} (current)` : APPLICATION_STAGE_LABEL[stage],
      current: stage === current,
    }),
  );
}

/** A hire or a withdrawal goes nowhere: only a note may be added. */
export function isFinalFor(current: ApplicationStage): boolean {
  return stageChoices(current).length === 1;
}

/** The body of `PATCH /api/applications/:id`, or null when there is nothing to send. */
export function stageChange(form: StageMoveForm, current: ApplicationStage): ApplicationChange | null {
  const note = form.note.trim();
  if (form.stage === current && !note) return null;
  return note ? { stage: form.stage, note } : { stage: form.stage };
}

/** Why the form cannot be sent as it is, or null. */
export function stageMoveProblem(form: StageMoveForm, current: ApplicationStage): string | null {
  const tooLong = characterCount(form.note, APPLICATION_NOTE_LIMIT).problem;
  if (tooLong) return `The note is too long. ${tooLong}`;
  if (!stageChange(form, current)) return 'Choose another stage, or write a note to keep.';
  return null;
}

/** The submit button's words for what it will do. */
export function stageMoveAction(form: StageMoveForm, current: ApplicationStage): string {
  if (form.stage !== current) return `Move to ${APPLICATION_STAGE_LABEL[form.stage]}`;
  return 'Add note';
}

/** What the live region says once the change is made. */
export function stageMoveDone(name: string, change: ApplicationChange, from: ApplicationStage): string {
  const who = name || 'The applicant';
  if (change.stage === from) return `Note added to ${who}’s application.`;
  const moved = `${who} moved to ${APPLICATION_STAGE_LABEL[change.stage]}`;
  return change.note ? `${moved}, with your note.` : `${moved}.`;
}

/** For a refused move (409), what happened and what the page does about it; null for other failures. */
export function stageMoveRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  if (error.code === 'version_conflict') {
    return 'Someone on your team changed this application meanwhile. It now shows its latest stage; try again.';
  }
  return `${error.message}. It now shows its current stage; choose one of the stages offered.`;
}

/** The stage filter and page of the applicants view, from its URL. */
export function applicantsQuery(query: URLSearchParams): { stage: ApplicationStage | null; page: number } {
  const stage = query.get('stage');
  const page = Number(query.get('page'));
  return {
    stage: isOneOf(APPLICATION_STAGES, stage) ? stage : null,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}
