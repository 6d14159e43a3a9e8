/**
 * The application pipeline as the web shows it: stage labels, which stages are still open, where a
 * company may move an application, and timelines in words. The rules mirror server/domain/applications.ts
 * (the web may not import the domain at run time); tests/web/applications.test.ts holds them equal.
 */
import {
  APPLICATION_STAGE_LABEL,
  APPLICATION_STAGES,
  type ApplicationStage,
} from '../../../server/shared/vocabulary.ts';
import { day } from './format.ts';
import type { StageChange, StageCounts } from './types.ts';

export { APPLICATION_STAGE_LABEL, APPLICATION_STAGES };

/** Longest note a candidate sends with an application, or a company keeps on one. */
export const APPLICATION_NOTE_LIMIT = 2_000;

/** Stages in which the application is still being considered (and may be withdrawn). */
export const OPEN_STAGES: readonly ApplicationStage[] = ['applied', 'in-review', 'interviewing', 'offer'];

export function isOpenStage(stage: ApplicationStage): boolean {
  return OPEN_STAGES.includes(stage);
}

/**
 * Whether the company may move an application from `from` to `to`: anywhere along the pipeline or out
 * by rejecting while it is open, back into the pipeline after a rejection; a hire and a withdrawal are
 * final, and only the candidate withdraws.
 */
export function companyMayMove(from: ApplicationStage, to: ApplicationStage): boolean {
  if (from === to || to === 'withdrawn') return false;
  return isOpenStage(from) || (from === 'rejected' && isOpenStage(to));
}

/** "Applied on Dec 2, 2026 · In review": a candidate's application beside its posting. */
export function appliedLine(application: { createdAt: string; stage: ApplicationStage }): string {
  return `Applied on ${day(application.createdAt)} · ${APPLICATION_STAGE_LABEL[application.stage]}`;
}

export interface TimelineStep {
  key: string;
  stage: ApplicationStage;
  label: string;
  at: string;
  /** The day, for people. */
  day: string;
  /** Who made the move, from the reader's side: "you", "the company", "the candidate". */
  by: string;
}

/** A timeline oldest first, each move with its day and who made it, as `reader` reads it. */
export function timelineSteps(timeline: StageChange[], reader: 'candidate' | 'company'): TimelineStep[] {
  const who = {
    candidate: reader === 'candidate' ? 'you' : 'the candidate',
    company: reader === 'company' ? 'your team' : 'the company',
  };
  return [...timeline]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((change, index) => ({
      key: `${index}-${change.stage}-${change.at}`,
      stage: change.stage,
      label: APPLICATION_STAGE_LABEL[change.stage],
      at: change.at,
      day: day(change.at),
      by: who[change.by],
    }));
}

export interface CountsSummary {
  total: number;
  /** The stages that have applications, in pipeline order. */
  stages: { stage: ApplicationStage; label: string; count: number }[];
}

/** Applications per stage in pipeline order, and their total. */
export function countsSummary(counts: StageCounts | undefined): CountsSummary {
  const stages = APPLICATION_STAGES.filter((stage) => (counts?.[stage] ?? 0) > 0).map((stage) => ({
    stage,
    label: APPLICATION_STAGE_LABEL[stage],
    count: counts?.[stage] ?? 0,
  }));
  return { total: stages.reduce((sum, entry) => sum + entry.count, 0), stages };
}

/** Applications still being considered, the ones told when their listing closes. */
export function openApplications(counts: StageCounts | undefined): number {
  return OPEN_STAGES.reduce((sum, stage) => sum + (counts?.[stage] ?? 0), 0);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** The tag colour of a stage: good news, bad news, or still under way. */
export function stageTone(stage: ApplicationStage): 'good' | 'bad' | 'muted' | '' {
  if (stage === 'offer' || stage === 'hired') return 'good';
  if (stage === 'rejected') return 'bad';
  if (stage === 'withdrawn') return 'muted';
  return '';
}
