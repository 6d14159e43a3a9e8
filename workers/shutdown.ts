/**
 * Two-phase shutdown of a workers process on SIGTERM or SIGINT: stop taking jobs and let running ones
 * finish (BullMQ's `worker.close()`), then close queues and connections. A job still running after
 * `graceMs` is left to BullMQ: its lock lapses and another worker takes it over as stalled, so the work
 * returns to the queue instead of being lost. The grace stays below the orchestrator's own (compose's
 * `stop_grace_period`), so this process exits before it is killed.
 */
export const WORKER_STOP_GRACE_MS = 50_000;

export function closeOnSignals(
  close: () => Promise<void>,
  log: { info(message: string): void; warn(message: string): void },
  graceMs = WORKER_STOP_GRACE_MS,
): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: letting running jobs finish (at most ${graceMs} ms)`);
    const force = setTimeout(() => {
      log.warn(`jobs still running after ${graceMs} ms: exiting; they return to the queue as stalled`);
      process.exit(1);
    }, graceMs);
    force.unref();
    close().then(
      () => {
        log.info('shut down cleanly');
        process.exit(0);
      },
      (error: Error) => {
        log.warn(`shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
