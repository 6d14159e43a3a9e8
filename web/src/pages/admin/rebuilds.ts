/** Re-index and re-match operations as the admin page follows them. */
import type { AdminOperation } from '../../lib/types.ts';

export type RebuildKind = AdminOperation['kind'];

export const REBUILD_LABEL: Readonly<Record<RebuildKind, string>> = {
  reindex: 'Re-index',
  rematch: 'Re-match',
};

export function isRunning(operation: AdminOperation): boolean {
  return operation.status === 'running';
}

/** How far an operation is, by the share of its work already queued. */
export function percentDone(operation: AdminOperation): number {
  if (operation.status === 'done') return 100;
  return operation.total > 0 ? Math.round((operation.enqueued / operation.total) * 100) : 0;
}

/** The operations that were running before and are done now, to announce once each. */
export function finishedBetween(before: AdminOperation[], after: AdminOperation[]): AdminOperation[] {
  const wasRunning = new Set(before.filter(isRunning).map((operation) => operation.id));
  return after.filter((operation) => operation.status === 'done' && wasRunning.has(operation.id));
}

/** `operations` with `started` first, replacing an earlier copy of it. */
export function withStarted(operations: AdminOperation[], started: AdminOperation): AdminOperation[] {
  return [started, ...operations.filter((operation) => operation.id !== started.id)];
}
