import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueCounts } from './adapters/queue/port.ts';

/** Seconds; from a cached lookup (~1 ms) to a request that should have timed out. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Jobs run longer: a match over every profile, a salary-band sweep. */
const JOB_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;

/** What queue depth is read from: any `JobQueue`. */
export interface CountedQueue {
  counts(): Promise<Record<string, QueueCounts>>;
}

export type BackendPort = 'store' | 'search';

/** Records one call into a backend: the instrumented adapters call this for every operation. */
export type CallObserver = (
  port: BackendPort,
  call: { operation: string; adapter: string; seconds: number; ok: boolean },
) => void;

/**
 * Every Prometheus series Backboard exports, on one registry per process (per app in tests, so apps
 * built side by side do not share counters).
 */
export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  readonly jobFailures: Counter<'queue'>;
  /** Jobs a committed write could not enqueue (the reconcile sweep enqueues them later). */
  readonly enqueueFailures: Counter<'queue'>;
  readonly observeCall: CallObserver;
  /** Queue depth by queue and state is read from this queue on each scrape. */
  watchQueue(queue: CountedQueue): void;
}

export function createMetrics(options: { onCollectError?: (error: Error) => void } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const callDuration = {
    store: new Histogram({
      name: 'backboard_store_call_duration_seconds',
      help: 'Store call duration by operation, adapter and outcome',
      labelNames: ['operation', 'adapter', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    search: new Histogram({
      name: 'backboard_search_call_duration_seconds',
      help: 'Search index call duration by operation, adapter and outcome',
      labelNames: ['operation', 'adapter', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
  const jobDuration = new Histogram({
    name: 'backboard_job_duration_seconds',
    help: 'Job run duration by queue and outcome (each attempt counts)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers,
  });
  const jobFailures = new Counter({
    name: 'backboard_job_failures_total',
    help: 'Failed job attempts by queue (retried or final)',
    labelNames: ['queue'] as const,
    registers,
  });

  const enqueueFailures = new Counter({
    name: 'backboard_enqueue_failures_total',
    help: 'Jobs a committed write could not enqueue, by queue (the reconcile sweep enqueues them later)',
    labelNames: ['queue'] as const,
    registers,
  });

  let watched: CountedQueue | undefined;
  const onCollectError = options.onCollectError ?? (() => {});
  new Gauge({
    name: 'backboard_queue_jobs',
    help: 'Jobs per queue and state, read from the queue at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      if (!watched) return;
      try {
        const counts = await watched.counts();
        this.reset();
        for (const [queue, byState] of Object.entries(counts)) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state]);
        }
      } catch (error) {
        // A scrape while Redis is away still answers with everything else.
        this.reset();
        onCollectError(error as Error);
      }
    },
  });

  return {
    registry,
    httpDuration,
    jobDuration,
    jobFailures,
    enqueueFailures,
    observeCall(port, { operation, adapter, seconds, ok }) {
      callDuration[port].observe({ operation, adapter, outcome: ok ? 'ok' : 'error' }, seconds);
    },
    watchQueue(queue) {
      watched = queue;
    },
  };
}
