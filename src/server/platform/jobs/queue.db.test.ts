import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../testing/database.js';
import { adjustableClock, type Clock } from '../clock.js';
import { createJobQueue, type JobLog, type JobQueue, type TaskContext } from './queue.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const quiet: JobLog = { error() {}, warn() {}, info() {}, debug() {} };

let t: TestDatabase;
let clock: Clock;
let jobs: JobQueue;
/** What the tasks did, in order. */
let done: string[];
let failuresLeft: number;

const greet = () =>
  jobs.define({
    name: 'test.greet',
    payload: z.object({ name: z.string().min(1) }),
    handler: async ({ name }) => {
      done.push(`hello ${name}`);
    },
  });
const flaky = () =>
  jobs.define({
    name: 'test.flaky',
    payload: z.object({ n: z.number() }),
    maxAttempts: 3,
    handler: async ({ n }, ctx: TaskContext) => {
      if (failuresLeft-- > 0) throw new Error(`try ${ctx.attempt} of ${ctx.maxAttempts} failed`);
      done.push(`flaky ${n} on try ${ctx.attempt}`);
    },
  });

let greetTask: ReturnType<typeof greet>;
let flakyTask: ReturnType<typeof flaky>;
let sweepTask: ReturnType<JobQueue['recurring']>;

function newQueue(c: Clock, pollIntervalMs?: number): JobQueue {
  clock = c;
  jobs = createJobQueue({ db: t.db, clock, log: quiet, pollIntervalMs });
  greetTask = greet();
  flakyTask = flaky();
  sweepTask = jobs.recurring({ name: 'test.sweep', cron: '0 * * * *', handler: async () => void done.push('swept') });
  return jobs;
}

async function waitingJobs(): Promise<{ task_identifier: string; attempts: number; last_error: string | null }[]> {
  const { rows } = await t.db.systemPool.query('select task_identifier, attempts, last_error from graphile_worker.jobs order by id');
  return rows;
}

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await jobs?.stop();
  await t?.drop();
});

beforeEach(async () => {
  await jobs?.stop();
  done = [];
  failuresLeft = 0;
  // A demo or test clock behind the real time (and the database's), as the test apps use.
  newQueue(adjustableClock('2026-09-07T08:00:00Z', 'frozen'));
  await jobs.migrate();
  await t.db.systemPool.query('delete from graphile_worker._private_jobs');
});

describe('job queue', () => {
  it('runs a job added now when due jobs are drained', async () => {
    await jobs.enqueue(greetTask, { name: 'Ada' });
    expect(await jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect(done).toEqual(['hello Ada']);
    expect(await waitingJobs()).toEqual([]);
  });

  it('installs its own schema on first use, even when that is a job added by the RLS-bound role', async () => {
    const fresh = await createTestDatabase();
    const queue = createJobQueue({ db: fresh.db, clock, log: quiet });
    const task = queue.define({ name: 'test.fresh', payload: z.object({}), handler: async () => void done.push('fresh') });
    try {
      await fresh.db.withTenant(randomUUID(), (tx) => queue.enqueue(task, {}, { tx }));
      expect(await queue.drain()).toEqual({ completed: 1, failed: 0 });
      expect(done).toEqual(['fresh']);
    } finally {
      await queue.stop();
      await fresh.drop();
    }
  });

  it('refuses a payload its task does not accept, and adds nothing', async () => {
    await expect(jobs.enqueue(greetTask, { name: '' })).rejects.toThrow();
    expect(await waitingJobs()).toEqual([]);
  });

  it('adds a job in a tenant transaction only if the transaction commits', async () => {
    const org = randomUUID();
    await expect(
      t.db.withTenant(org, async (tx) => {
        await jobs.enqueue(greetTask, { name: 'rolled back' }, { tx });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    await t.db.withTenant(org, (tx) => jobs.enqueue(greetTask, { name: 'committed' }, { tx }));
    await jobs.drain();
    expect(done).toEqual(['hello committed']);
  });

  it('keeps a job for later until our clock reaches it, though the clock is behind the database', async () => {
    await jobs.enqueue(greetTask, { name: 'in 21 days' }, { runAt: new Date(clock.now().getTime() + 21 * DAY) });
    expect(await jobs.drain()).toEqual({ completed: 0, failed: 0 });
    clock.advance(21 * DAY - MINUTE);
    await jobs.drain();
    expect(done).toEqual([]);
    clock.advance(MINUTE);
    await jobs.drain();
    expect(done).toEqual(['hello in 21 days']);
  });

  it('replaces a waiting job that has the same key instead of adding a second', async () => {
    const later = new Date(clock.now().getTime() + 5 * MINUTE);
    await jobs.enqueue(greetTask, { name: 'first' }, { jobKey: 'greet:1', runAt: later });
    await jobs.enqueue(greetTask, { name: 'second' }, { jobKey: 'greet:1', runAt: later });
    expect(await waitingJobs()).toHaveLength(1);
    clock.advance(5 * MINUTE);
    await jobs.drain();
    expect(done).toEqual(['hello second']);
  });

  it('tries a failed job again after a backoff, records the error, and gives up after its last try', async () => {
    failuresLeft = 1;
    await jobs.enqueue(flakyTask, { n: 1 });
    expect(await jobs.drain()).toEqual({ completed: 0, failed: 1 });
    expect(await waitingJobs()).toEqual([{ task_identifier: 'test.flaky', attempts: 1, last_error: expect.stringContaining('try 1 of 3 failed') }]);
    // The backoff has not passed by our clock: nothing runs.
    expect(await jobs.drain()).toEqual({ completed: 0, failed: 0 });
    clock.advance(MINUTE);
    expect(await jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect(done).toEqual(['flaky 1 on try 2']);

    failuresLeft = 10;
    await jobs.enqueue(flakyTask, { n: 2 });
    for (let i = 0; i < 4; i++) {
      await jobs.drain();
      clock.advance(10 * MINUTE);
    }
    expect(await waitingJobs()).toEqual([{ task_identifier: 'test.flaky', attempts: 3, last_error: expect.stringContaining('try 3 of 3 failed') }]);
    expect(failuresLeft).toBe(7);
  });

  it('runs a recurring task now when it is enqueued, and refuses a schedule it cannot read', async () => {
    await jobs.enqueue(sweepTask, {});
    await jobs.drain();
    expect(done).toEqual(['swept']);
    expect(() => jobs.recurring({ name: 'test.bad', cron: 'every hour', handler: async () => {} })).toThrow();
  });

  it('runs jobs as they are added while started, follows a clock that is moved, and stops cleanly', async () => {
    await jobs.stop();
    newQueue(adjustableClock('2026-09-07T08:00:00Z', 'frozen'), 100);
    await jobs.start();
    expect(jobs.running).toBe(true);
    await jobs.enqueue(greetTask, { name: 'now' });
    await jobs.enqueue(greetTask, { name: 'tomorrow' }, { runAt: new Date(clock.now().getTime() + DAY) });
    await expect.poll(() => done, { timeout: 5000 }).toEqual(['hello now']);
    clock.advance(DAY);
    await expect.poll(() => done, { timeout: 5000 }).toEqual(['hello now', 'hello tomorrow']);
    await jobs.stop();
    expect(jobs.running).toBe(false);
    const workerConnections = async () =>
      (await t.db.systemPool.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'continuum-jobs'")).rows[0].n;
    await expect.poll(workerConnections, { timeout: 2000 }).toBe(0);
  });
});
