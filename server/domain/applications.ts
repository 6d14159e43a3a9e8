import type { ApplicationStage } from '../shared/vocabulary.ts';

/** Who moves an application: the candidate who applied, or the company that posted the listing. */
export type StageActor = 'candidate' | 'company';

/** The pipeline, in order; `rejected` and `withdrawn` are the ways out of it. */
export const PIPELINE: readonly ApplicationStage[] = [
  'applied',
  'in-review',
  'interviewing',
  'offer',
  'hired',
];

/** Stages in which the application is still being considered. */
export function isOpenStage(stage: ApplicationStage): boolean {
  return stage === 'applied' || stage === 'in-review' || stage === 'interviewing' || stage === 'offer';
}

/**
 * Whether `actor` may move an application from `from` to `to` (a stage to itself is no move). The
 * company moves an open application anywhere along the pipeline or rejects it, and may reconsider a
 * rejection; a hire and a withdrawal are final for it. Only the candidate withdraws, while the
 * application is open.
 */
export function mayMove(actor: StageActor, from: ApplicationStage, to: ApplicationStage): boolean {
  if (from === to) return false;
  if (actor === 'candidate') return to === 'withdrawn' && isOpenStage(from);
  if (to === 'withdrawn') return false;
  if (isOpenStage(from)) return true;
  return from === 'rejected' && isOpenStage(to);
}

/** Longest note a candidate may send with an application, and a company may keep on one. */
export const MAX_APPLICATION_NOTE = 2_000;
