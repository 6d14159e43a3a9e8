/**
 * Re-index and re-match operations as the admin page follows them. An operation is "done" on the server
 * once every job is queued; the rebuild is finished only when its queues have run those jobs too.
 */
import type { AdminOperation, QueuesAnswer } from '../../lib/types.ts';

export type RebuildKind = AdminOperation['kind'];

export const REBUILD_LABEL: Readonly<Record<RebuildKind, string>> = {
  reindex: 'Re-index',
  rematch: 'Re-match',
};

/** The queues each rebuild fills (job names, as `GET /api/admin/queues` counts them). */
const REBUILD_QUEUES: Readonly<Record<RebuildKind, readonly string[]>> = {
  reindex: ['index'],
  rematch: ['match-listing', 'match-profile'],
};

/** An operation and the jobs its queues had not yet run when last counted (after the operation was read). */
export interface Rebuild {
  operation: AdminOperation;
  left: number;
}

export type RebuildStage = 'queueing' | 'working' | 'finished' | 'failed';

/** Jobs in the rebuild's queues that have not run: waiting, running, or delayed for a retry. */
export function jobsLeft(kind: RebuildKind, queues: QueuesAnswer): number {
  return REBUILD_QUEUES[kind].reduce((sum, name) => {
    const counts = queues.counts[name];
    return counts ? sum + counts.waiting + counts.active + counts.delayed : sum;
  }, 0);
}

export function rebuildStage({ operation, left }: Rebuild): RebuildStage {
  if (operation.status === 'failed') return 'failed';
  if (operation.status === 'running') return 'queueing';
  return left > 0 ? 'working' : 'finished';
}

/** Whether the page should look again: jobs are still being queued or run. */
export function isUnderWay(rebuild: Rebuild): boolean {
  const stage = rebuildStage(rebuild);
  return stage === 'queueing' || stage === 'working';
}

/** "Re-index · 3,002 jobs waiting to run · all 3,002 queued": where the rebuild stands, in words. */
export function rebuildStatusText(rebuild: Rebuild): string {
  const { operation, left } = rebuild;
  const count = (n: number) => n.toLocaleString('en');
  const jobs = (n: number) => `${count(n)} ${n === 1 ? 'job' : 'jobs'}`;
  switch (rebuildStage(rebuild)) {
    case 'queueing':
      return `queueing jobs: ${count(operation.enqueued)} of ${count(operation.total)} queued`;
    case 'working':
      return `running: ${jobs(left)} still to run · all ${count(operation.total)} queued`;
    case 'finished':
      return `finished: all ${jobs(operation.total)} ran`;
    case 'failed':
      return `failed after queueing ${count(operation.enqueued)} of ${count(operation.total)}`;
  }
}

/**
 * How far a rebuild is: queueing its jobs is the first half, running them the second (the jobs left
 * are counted over its whole queues, so other work waiting there holds the bar back, never forward).
 */
export function percentDone(rebuild: Rebuild): number {
  const { operation, left } = rebuild;
  const stage = rebuildStage(rebuild);
  if (stage === 'finished') return 100;
  if (operation.total <= 0) return 0;
  const queued = Math.min(1, operation.enqueued / operation.total);
  const ran = Math.max(0, Math.min(1, (operation.enqueued - left) / operation.total));
  return Math.round(((queued + ran) / 2) * 100);
}

/** The rebuilds that were under way before and are finished now, to announce once each. */
export function finishedBetween(before: Rebuild[], after: Rebuild[]): Rebuild[] {
  const wasUnderWay = new Set(before.filter(isUnderWay).map((rebuild) => rebuild.operation.id));
  return after.filter(
    (rebuild) => rebuildStage(rebuild) === 'finished' && wasUnderWay.has(rebuild.operation.id),
  );
}

/** `rebuilds` with `started` first, replacing an earlier copy of it. */
export function withStarted(rebuilds: Rebuild[], started: AdminOperation): Rebuild[] {
  return [
    { operation: started, left: 0 },
    ...rebuilds.filter((rebuild) => rebuild.operation.id !== started.id),
  ];
}
