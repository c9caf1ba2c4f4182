import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import { Logger, parseCronItems, run, runMigrations, runOnce, type CronItem, type Runner, type Task, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Database, Db, TenantTx } from '../db/client.js';

/**
 * The job queue (DESIGN.md, Jobs): graphile-worker on our PostgreSQL, in the server process by
 * default. Modules define tasks (a name, a zod payload schema, a handler), add jobs — inside
 * their own transaction when the job must exist only if the action commits — and declare
 * recurring tasks. docs/decisions.md ("Jobs and mail") explains how jobs follow our Clock.
 */

/** Where job messages go: the app's pino logger fits. */
export interface JobLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface TaskContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** True on the job's last try: if it fails now it is not tried again. */
  lastAttempt: boolean;
  /** Aborted when the server is stopping; the job should give up soon (it will be tried again). */
  signal: AbortSignal;
  log: JobLog;
}

export interface TaskDefinition<S extends z.ZodType = z.ZodType> {
  /** `area.thing.action`, like permissions: `mail.send`, `files.sweep`. */
  name: string;
  payload: S;
  handler(payload: z.output<S>, ctx: TaskContext): Promise<void>;
  /** Tries before the job is given up (graphile-worker's default: 25). */
  maxAttempts?: number;
}

export interface RecurringTask {
  name: string;
  /** A cron pattern in UTC, e.g. `0 * * * *` for hourly (graphile-worker's crontab syntax). */
  cron: string;
  handler(ctx: TaskContext): Promise<void>;
  maxAttempts?: number;
}

export interface EnqueueOptions {
  /** A transaction of the caller's (tenant or system): the job exists only if it commits. */
  tx?: TenantTx | Db;
  /** When the job may run, by our Clock; now when unset. */
  runAt?: Date;
  /** A waiting job with the same key is replaced rather than duplicated (graphile-worker job keys). */
  jobKey?: string;
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  maxAttempts?: number;
  /** Lower runs sooner; 0 by default. */
  priority?: number;
  /** Jobs in one named queue run one at a time, in order. */
  queue?: string;
}

export interface DrainResult {
  /** Jobs whose handler finished (including one that recorded a failure and gave up). */
  completed: number;
  /** Tries that failed (each waits out its backoff before the next). */
  failed: number;
}

export interface JobQueue {
  define<S extends z.ZodType>(task: TaskDefinition<S>): TaskDefinition<S>;
  /** A task run on a schedule; the definition it returns can also be enqueued to run it now. */
  recurring(task: RecurringTask): TaskDefinition<z.ZodObject<Record<string, never>>>;
  /** Adds a job and returns its id. */
  enqueue<S extends z.ZodType>(task: TaskDefinition<S>, payload: z.input<S>, opts?: EnqueueOptions): Promise<string>;
  /** Installs or upgrades graphile-worker's own schema; done by start(), drain() and the first enqueue(). */
  migrate(): Promise<void>;
  /** Runs jobs and recurring tasks in this process until stop(). */
  start(): Promise<void>;
  /** Lets running jobs finish (they are told to stop after a few seconds), then closes connections. */
  stop(): Promise<void>;
  /**
   * Runs, here and now, every job that is due by our Clock, and returns when none is left.
   * Tests move the clock and drain; a job that fails waits out its backoff as usual.
   */
  drain(): Promise<DrainResult>;
  readonly running: boolean;
}

export interface JobQueueDeps {
  db: Database;
  clock: Clock;
  log: JobLog;
  /** Jobs run at once by start() (JOB_CONCURRENCY). */
  concurrency?: number;
  /** How often the worker looks for jobs that became due without a notification (ms). */
  pollIntervalMs?: number;
}

const CRON_KEY = '_cron';

/**
 * graphile-worker records a job's success or failure without waiting for it, unless it batches
 * them; batching with no delay makes drain() and stop() return only once every outcome is written.
 */
const RECORD_OUTCOMES_BEFORE_RETURNING = { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } };

function graphileLogger(log: JobLog): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const obj = { ...scope, ...meta };
    if (level === 'error') log.error(obj, message);
    else if (level === 'warning') log.warn(obj, message);
    else if (level === 'info') log.info(obj, message);
    else log.debug(obj, message);
  });
}

/** A cron job's payload carries graphile-worker's `_cron` details; the task's schema never sees them. */
function withoutCronDetails(payload: unknown): unknown {
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && CRON_KEY in payload) {
    const { [CRON_KEY]: _cron, ...rest } = payload as Record<string, unknown>;
    return rest;
  }
  return payload;
}

export function createJobQueue({ db, clock, log, concurrency = 2, pollIntervalMs = 2000 }: JobQueueDeps): JobQueue {
  const logger = graphileLogger(log);
  const definitions = new Map<string, TaskDefinition>();
  const cronItems: CronItem[] = [];
  let pool: pg.Pool | undefined;
  let migrated: Promise<void> | undefined;
  let runner: Runner | undefined;
  let promoter: NodeJS.Timeout | undefined;
  let skew: Promise<number> | undefined;

  const workerPool = () => {
    if (!pool) {
      // One connection per running job, one to listen for new jobs, one for the schedule.
      const max = concurrency + 2;
      pool = new pg.Pool({ connectionString: db.systemPool.options.connectionString, max, application_name: 'continuum-jobs' });
      // A connection that loses its server (database restarted) must not crash the process.
      const lost = (err: Error) => log.warn({ err }, 'A job queue database connection failed.');
      pool.on('error', lost);
      pool.on('connect', (client) => client.on('error', lost));
    }
    return pool;
  };

  /**
   * Our Clock minus the database's clock. graphile-worker decides what is due by the database's
   * now(); jobs are scheduled at `runAt - skew`, so "in 21 days" by a test or demo clock is 21
   * days away for the queue too. The system clock is the database's clock (skew 0).
   */
  const clockSkew = () => {
    if (!clock.adjustable) return Promise.resolve(0);
    skew ??= db.systemPool.query<{ now: Date }>('select now() as now').then(
      ({ rows }) => clock.now().getTime() - rows[0]!.now.getTime(),
      (e: unknown) => {
        skew = undefined;
        throw e;
      },
    );
    return skew;
  };

  /** Under an adjustable clock, jobs due by our Clock (it may have been moved on) become due now. */
  async function promoteDueJobs(): Promise<void> {
    if (!clock.adjustable) return;
    const dueBy = new Date(clock.now().getTime() - (await clockSkew()));
    await workerPool().query(
      `select count(*) from graphile_worker.reschedule_jobs(
         array(select id from graphile_worker.jobs
                where run_at > now() and run_at <= $1 and locked_at is null and attempts < max_attempts),
         run_at => now())`,
      [dueBy],
    );
  }

  function toGraphileTask(def: TaskDefinition): Task {
    return async (raw, helpers) => {
      const parsed = def.payload.safeParse(withoutCronDetails(raw));
      const { job } = helpers;
      if (!parsed.success) {
        throw new Error(`Job ${job.id} (${def.name}) has a payload this version cannot read: ${z.prettifyError(parsed.error)}`);
      }
      await def.handler(parsed.data, {
        jobId: String(job.id),
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        lastAttempt: job.attempts >= job.max_attempts,
        signal: helpers.abortSignal,
        log,
      });
    };
  }

  const taskList = (): TaskList => Object.fromEntries([...definitions.values()].map((d) => [d.name, toGraphileTask(d)]));

  function define<S extends z.ZodType>(task: TaskDefinition<S>): TaskDefinition<S> {
    if (definitions.has(task.name)) throw new Error(`Task ${task.name} is defined twice.`);
    if (runner) throw new Error(`Define task ${task.name} before the job queue starts.`);
    definitions.set(task.name, task as unknown as TaskDefinition);
    return task;
  }

  async function migrate(): Promise<void> {
    migrated ??= runMigrations({ pgPool: workerPool(), logger }).catch((e: unknown) => {
      migrated = undefined;
      throw e;
    });
    return migrated;
  }

  return {
    define,

    recurring({ name, cron, handler, maxAttempts }) {
      const task = define({ name, payload: z.object({}), maxAttempts, handler: (_payload, ctx) => handler(ctx) });
      // Validates the pattern now rather than when the worker starts.
      parseCronItems([{ task: name, match: cron, identifier: name }]);
      cronItems.push({ task: name, match: cron, identifier: name, options: { backfillPeriod: 0, maxAttempts } });
      return task;
    },

    async enqueue(task, payload, opts = {}) {
      if (definitions.get(task.name) !== task) throw new Error(`Task ${task.name} is not defined on this job queue.`);
      task.payload.parse(payload);
      // The queue's schema is installed on first use (on its own connection, so before the caller's statement).
      await migrate();
      const runAt = opts.runAt && opts.runAt.getTime() > clock.now().getTime() ? new Date(opts.runAt.getTime() - (await clockSkew())) : null;
      const executor = opts.tx ?? db.system;
      const result = await executor.execute<{ id: string }>(sql`select app_add_job(
        task => ${task.name}, payload => ${JSON.stringify(payload ?? {})}::json, run_at => ${runAt}::timestamptz,
        max_attempts => ${opts.maxAttempts ?? task.maxAttempts ?? null}::integer, job_key => ${opts.jobKey ?? null}::text,
        job_key_mode => ${opts.jobKeyMode ?? null}::text, priority => ${opts.priority ?? null}::integer,
        queue_name => ${opts.queue ?? null}::text) as id`);
      return String(result.rows[0]!.id);
    },

    migrate,

    async start() {
      if (runner) return;
      await migrate();
      runner = await run({
        pgPool: workerPool(),
        taskList: taskList(),
        parsedCronItems: parseCronItems(cronItems),
        concurrency,
        noHandleSignals: true,
        pollInterval: pollIntervalMs,
        logger,
        preset: RECORD_OUTCOMES_BEFORE_RETURNING,
      });
      if (clock.adjustable) {
        promoter = setInterval(() => {
          promoteDueJobs().catch((err: unknown) => log.warn({ err }, 'Could not bring due jobs forward.'));
        }, pollIntervalMs);
        promoter.unref();
      }
    },

    async stop() {
      clearInterval(promoter);
      promoter = undefined;
      const r = runner;
      runner = undefined;
      if (r) await r.stop();
      const p = pool;
      pool = undefined;
      migrated = undefined;
      if (p) await p.end();
    },

    async drain() {
      await migrate();
      const result: DrainResult = { completed: 0, failed: 0 };
      if (definitions.size === 0) return result;
      const events: WorkerEvents = new EventEmitter();
      events.on('job:success', () => result.completed++);
      events.on('job:error', () => result.failed++);
      await promoteDueJobs();
      await runOnce({ pgPool: workerPool(), taskList: taskList(), noHandleSignals: true, logger, events, preset: RECORD_OUTCOMES_BEFORE_RETURNING });
      return result;
    },

    get running() {
      return runner !== undefined;
    },
  };
}
