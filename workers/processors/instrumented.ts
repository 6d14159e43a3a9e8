import type { Processor, Processors } from '../../server/adapters/queue/port.ts';
import type { Metrics } from '../../server/metrics.ts';
import { newRequestScope, runInScope } from '../../server/request-scope.ts';
import { JOB_NAMES, type BackboardJobs } from '../../server/adapters/queue/jobs.ts';

/** Pino's call shape (`log.info(fields, message)`), which the workers' console logger also takes. */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  /** Where a logger has one, the per-record jobs no request caused (a seed's, a sweep's) go here. */
  debug?(fields: object, message: string): void;
}

/** Queues with a job per record changed: thousands of lines after a seed or an import. */
const PER_RECORD_QUEUES: ReadonlySet<keyof BackboardJobs> = new Set([
  'index',
  'match-listing',
  'match-profile',
  'outbox',
]);

/**
 * Times every job, counts failed attempts, and logs each run with the request id that caused it, so a
 * request can be followed into the job that served it. Each job runs in its own scope: its store and
 * search time is its own, never added to the request that happened to enqueue it in this process.
 */
export function instrumentProcessors(
  processors: Processors<BackboardJobs>,
  options: { metrics?: Pick<Metrics, 'jobDuration' | 'jobFailures'>; log: JobLog },
): Processors<BackboardJobs> {
  const { metrics, log } = options;
  const wrap = <Name extends keyof BackboardJobs>(name: Name, processor: Processor<BackboardJobs[Name]>) => {
    const instrumented: Processor<BackboardJobs[Name]> = async (data, context) => {
      const requestId = 'requestId' in data ? data.requestId : undefined;
      const scope = newRequestScope(requestId);
      const started = performance.now();
      const fields = () => ({
        queue: name,
        jobId: context.jobId,
        attempt: context.attempt,
        ...(requestId ? { reqId: requestId } : {}),
        ms: Math.round(performance.now() - started),
        storeMs: Math.round(scope.store.ms),
        searchMs: Math.round(scope.search.ms),
      });
      try {
        const result = await runInScope(scope, () => processor(data, context));
        metrics?.jobDuration.observe(
          { queue: name, outcome: 'completed' },
          (performance.now() - started) / 1000,
        );
        // A job a request caused stays at info, so the request can be followed into it.
        if (!requestId && PER_RECORD_QUEUES.has(name) && log.debug) log.debug(fields(), 'job done');
        else log.info(fields(), 'job done');
        return result;
      } catch (error) {
        metrics?.jobDuration.observe(
          { queue: name, outcome: 'failed' },
          (performance.now() - started) / 1000,
        );
        metrics?.jobFailures.inc({ queue: name });
        log.warn({ ...fields(), err: (error as Error).message }, 'job failed');
        throw error;
      }
    };
    return instrumented;
  };
  return Object.fromEntries(
    JOB_NAMES.map((name) => [name, wrap(name, processors[name] as Processor<BackboardJobs[typeof name]>)]),
  ) as Processors<BackboardJobs>;
}
