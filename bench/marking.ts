// R-WORK-6 (issue 5): the marking queue, GET /api/work/marking, for a teacher of about 300 learners
// after a term of work, on the large dataset (20 schools, 20,000 learners). The whole school of
// that teacher gets the same term (13 weeks, three pieces a week for every class, most learners
// handing in, feedback on most older work, some replies waiting), so the tables are the size a
// real school's would be. Baseline, same run, same database: the same queue as one raw SQL
// statement through pg (what the service's queries come to), one connection per caller.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { TRUST_NAME } from '../src/server/demo/trust.js';
import { percentile, round, sessionsFor, startContinuumWithTrust, type BenchResult } from './harness.js';

const DURATION_MS = Number(process.env.BENCH_DURATION ?? 8) * 1000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TARGET_LEARNERS = 300;
const WEEKS = 13;
const PER_WEEK = 3;

interface Teacher {
  organisationId: string;
  siteId: string;
  userId: string;
  classes: number;
  learners: number;
}

/** A teacher of the first school with the most learners up to 300, given more classes of that school until they teach about 300. */
async function chooseTeacher(db: pg.Pool): Promise<Teacher> {
  const org = (await db.query<{ id: string }>('select id from organisations where name = $1', [TRUST_NAME])).rows[0]!.id;
  const taught = `select count(distinct e.learner_id)::int from class_staff cs join enrolments e on e.organisation_id = cs.organisation_id and e.class_id = cs.class_id
                  where cs.organisation_id = $1 and cs.user_id = $2`;
  const { rows } = await db.query<{ user_id: string; site_id: string; learners: number }>(
    `select cs.user_id, c.site_id, count(distinct e.learner_id)::int as learners
     from class_staff cs
     join classes c on c.organisation_id = cs.organisation_id and c.id = cs.class_id and c.ended_at is null
     join enrolments e on e.organisation_id = cs.organisation_id and e.class_id = cs.class_id
     where cs.organisation_id = $1 and cs.role = 'teacher'
       and c.site_id = (select id from sites where organisation_id = $1 order by name limit 1)
     group by 1, 2 having count(distinct e.learner_id) <= $2 order by 3 desc, 1 limit 1`,
    [org, TARGET_LEARNERS],
  );
  const t = rows[0]!;
  let learners = t.learners;
  while (learners < TARGET_LEARNERS - 10) {
    // The class of the same school that adds the most learners they do not teach yet.
    const { rows: extra } = await db.query<{ class_id: string }>(
      `select c.id as class_id from classes c join enrolments e on e.organisation_id = c.organisation_id and e.class_id = c.id
       where c.organisation_id = $1 and c.site_id = $3 and c.kind = 'scheduled'
         and not exists (select 1 from class_staff m where m.organisation_id = $1 and m.class_id = c.id and m.user_id = $2)
         and not exists (select 1 from class_staff m join enrolments x on x.organisation_id = m.organisation_id and x.class_id = m.class_id
                         where m.organisation_id = $1 and m.user_id = $2 and x.learner_id = e.learner_id)
       group by c.id order by count(*) desc, c.id limit 1`,
      [org, t.user_id, t.site_id],
    );
    if (!extra[0]) break;
    await db.query(`insert into class_staff (organisation_id, class_id, user_id, role) values ($1, $2, $3, 'teacher')`, [org, extra[0].class_id, t.user_id]);
    learners = (await db.query<{ count: number }>(taught, [org, t.user_id])).rows[0]!.count;
  }
  const classes = (await db.query<{ n: number }>('select count(*)::int as n from class_staff where organisation_id = $1 and user_id = $2', [org, t.user_id])).rows[0]!.n;
  return { organisationId: org, siteId: t.site_id, userId: t.user_id, classes, learners };
}

/**
 * A term of work for every class of the school, in three statements: assignments (set by the
 * class's teacher), hand-ins from about nine in ten learners (a third of them photos, with no
 * text), feedback on nearly all work handed in more than a fortnight ago and on a third of the
 * rest, and a reply waiting on one in twenty-five marked pieces.
 */
async function setTermOfWork(db: pg.Pool, t: Teacher): Promise<{ assignments: number; submissions: number; seconds: number }> {
  const started = performance.now();
  const assignments = await db.query(
    `insert into assignments (organisation_id, class_id, set_by, title, instructions, subject, for_date, due_at, estimated_minutes, screen_free, audience, published_at)
     select c.organisation_id, c.id, s.user_id, c.subject || ': week ' || (w + 1) || ', task ' || (i + 1),
            'Read the notes from the lesson and answer the questions in full sentences.', c.subject,
            d::date, d + interval '5 days 15 hours 30 minutes', 30, i = 2, 'class', d + interval '8 hours'
     from classes c
     join lateral (select user_id from class_staff where organisation_id = c.organisation_id and class_id = c.id order by user_id limit 1) s on true
     cross join generate_series(0, $3 - 1) w
     cross join generate_series(0, $4 - 1) i
     cross join lateral (select date_trunc('week', now() at time zone 'UTC') at time zone 'UTC' - make_interval(weeks => $3 - 1 - w) + make_interval(days => 2 * i) as d) day
     where c.organisation_id = $1 and c.site_id = $2 and c.ended_at is null`,
    [t.organisationId, t.siteId, WEEKS, PER_WEEK],
  );
  // Hand-ins: a deterministic draw per learner and piece decides whether, when (to the
  // millisecond, from four days before the deadline to six hours after) and what.
  const submissions = await db.query(
    `insert into submissions (organisation_id, assignment_id, learner_id, channel, body, submitted_by, submitted_at, updated_at, late, own_work_declared_at, feedback_due_at, feedback_at, reply_waiting_since)
     select organisation_id, assignment_id, learner_id, channel, body, learner_id, at, at, at > due_at, at, at + interval '7 days', feedback_at,
            case when feedback_at is not null and (r / 5760000) % 25 = 0 then feedback_at + interval '1 day' end
     from (
       select *, case when at < now() - interval '14 days' and (r / 57600) % 100 < 97 then at + interval '3 days'
                      when at + interval '3 days' < now() and (r / 57600) % 3 = 1 then at + interval '3 days' end as feedback_at
       from (
         select a.organisation_id, a.id as assignment_id, a.due_at, e.learner_id, r,
                case when (r / 10) % 20 = 0 then 'paper' else 'online' end as channel,
                case when (r / 200) % 3 = 0 then null else repeat('My answer to the questions about the lesson, in full sentences. ', 6) end as body,
                a.due_at + interval '6 hours' - make_interval(secs => (r2 % 367200000) / 1000.0) as at
         from assignments a
         join enrolments e on e.organisation_id = a.organisation_id and e.class_id = a.class_id
         cross join lateral (select abs(hashtext(a.id::text || e.learner_id::text)) as r, abs(hashtext(e.learner_id::text || a.id::text)) as r2) draw
         where a.organisation_id = $1 and a.class_id in (select id from classes where organisation_id = $1 and site_id = $2)
       ) drawn
       where r % 10 <> 0 and at < now()
     ) handed_in`,
    [t.organisationId, t.siteId],
  );
  await db.query('analyze');
  return { assignments: assignments.rowCount ?? 0, submissions: submissions.rowCount ?? 0, seconds: (performance.now() - started) / 1000 };
}

/**
 * What WorkOverview.markingQueue (src/server/modules/work/overview.ts) asks for, as one
 * statement: the teacher's current classes, their work's hand-ins waiting for feedback or with a
 * reply waiting, soonest due first, 500 at most, with the class's and the learner's names.
 */
export const MARKING_SQL = `
  select s.id, s.assignment_id, a.title, c.name as class_name, s.learner_id, u.given_name, u.family_name,
         s.submitted_at, s.late, s.channel, s.feedback_at is null as for_feedback, s.feedback_due_at
  from class_staff cs
  join classes c on c.organisation_id = cs.organisation_id and c.id = cs.class_id and c.ended_at is null
  join assignments a on a.organisation_id = c.organisation_id and a.class_id = c.id and a.withdrawn_at is null
  join submissions s on s.organisation_id = a.organisation_id and s.assignment_id = a.id
  join users u on u.organisation_id = s.organisation_id and u.id = s.learner_id
  where cs.organisation_id = $1 and cs.user_id = $2 and (s.feedback_at is null or s.reply_waiting_since is not null)
  order by case when s.feedback_at is null then s.feedback_due_at else s.reply_waiting_since end asc nulls last, s.submitted_at asc
  limit 500`;

interface Measured {
  calls: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** `connections` callers, each calling `call` again as soon as it returns, for `ms`. */
async function measure(call: () => Promise<void>, connections: number, ms: number): Promise<Measured> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { calls: latencies.length, perSecond: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

interface QueueItem {
  submissionId: string;
}

export async function benchMarking(): Promise<BenchResult> {
  const server = await startContinuumWithTrust('marking', { schools: 20, learners: 20_000 });
  const db = new pg.Pool({ connectionString: server.databaseUrl, max: CONNECTIONS + 2 });
  try {
    const teacher = await chooseTeacher(db);
    const term = await setTermOfWork(db, teacher);
    const [session] = await sessionsFor(db, teacher.organisationId, [teacher.userId]);
    const url = `${server.url}/api/work/marking`;
    const viaHttp = async () => {
      const res = await fetch(url, { headers: { cookie: session!.cookie } });
      if (res.status !== 200) throw new Error(`GET /api/work/marking answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const viaSql = async () => {
      await db.query(MARKING_SQL, [teacher.organisationId, teacher.userId]);
    };

    // Both give the same queue, in the same order.
    const res = await fetch(url, { headers: { cookie: session!.cookie } });
    if (res.status !== 200) throw new Error(`GET /api/work/marking answered ${res.status}: ${await res.text()}`);
    const queue = (await res.json()) as { items: QueueItem[]; overdue: number };
    const raw = await db.query<{ id: string }>(MARKING_SQL, [teacher.organisationId, teacher.userId]);
    // (As sets: hand-ins due at the same moment may come in either order.)
    const ids = (list: string[]) => JSON.stringify([...list].sort());
    if (ids(queue.items.map((i) => i.submissionId)) !== ids(raw.rows.map((r) => r.id))) {
      throw new Error(`the service's queue (${queue.items.length}) and the raw SQL's (${raw.rows.length}) differ`);
    }
    const waiting = await db.query<{ feedback: number; replies: number }>(
      `select count(*) filter (where s.feedback_at is null)::int as feedback, count(*) filter (where s.reply_waiting_since is not null)::int as replies
       from submissions s join assignments a on a.organisation_id = s.organisation_id and a.id = s.assignment_id
       join class_staff cs on cs.organisation_id = a.organisation_id and cs.class_id = a.class_id and cs.user_id = $2
       where s.organisation_id = $1`,
      [teacher.organisationId, teacher.userId],
    );

    // Warm up both (JIT, pools, PostgreSQL's caches), then one caller at a time, then many.
    await measure(viaHttp, CONNECTIONS, 2000);
    await measure(viaSql, CONNECTIONS, 2000);
    const sqlOne = await measure(viaSql, 1, DURATION_MS / 2);
    const httpOne = await measure(viaHttp, 1, DURATION_MS / 2);
    const sqlMany = await measure(viaSql, CONNECTIONS, DURATION_MS);
    const httpMany = await measure(viaHttp, CONNECTIONS, DURATION_MS);
    const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers off, timing off, summary on) ${MARKING_SQL}`, [teacher.organisationId, teacher.userId]);
    const planTime = /Execution Time: ([\d.]+) ms/.exec(plan.rows.map((r) => r['QUERY PLAN']).join('\n'))?.[1];

    const sql = (value: number) => ({ name: 'the same queue as one raw SQL statement (pg)', value });
    const ms = (n: number) => round(n, 1);
    return {
      bench: 'marking',
      figures: [
        { name: 'GET /api/work/marking, one caller at a time: p50', value: ms(httpOne.p50), unit: 'ms', baseline: sql(ms(sqlOne.p50)) },
        { name: 'GET /api/work/marking, one caller at a time: p99', value: ms(httpOne.p99), unit: 'ms', baseline: sql(ms(sqlOne.p99)) },
        { name: `GET /api/work/marking, ${CONNECTIONS} callers: throughput`, value: round(httpMany.perSecond, 0), unit: 'req/s', higherIsBetter: true, baseline: sql(round(sqlMany.perSecond, 0)) },
        { name: `GET /api/work/marking, ${CONNECTIONS} callers: p50`, value: ms(httpMany.p50), unit: 'ms', baseline: sql(ms(sqlMany.p50)) },
        { name: `GET /api/work/marking, ${CONNECTIONS} callers: p99`, value: ms(httpMany.p99), unit: 'ms', baseline: sql(ms(sqlMany.p99)) },
        { name: 'queue length (500 at most)', value: queue.items.length, unit: 'items' },
      ],
      notes: [
        `Teacher of ${teacher.classes} classes, ${teacher.learners} learners; ${waiting.rows[0]!.feedback} hand-ins waiting for feedback and ${waiting.rows[0]!.replies} replies waiting across them.`,
        `Their school's term: ${term.assignments.toLocaleString('en-GB')} pieces of work, ${term.submissions.toLocaleString('en-GB')} hand-ins, written in ${round(term.seconds)} s; large seed in ${round(server.seedSeconds)} s.`,
        `Raw SQL executes in ${planTime ?? '?'} ms inside PostgreSQL (EXPLAIN ANALYZE). Loads of ${DURATION_MS / 1000} s (one caller: half that) after 2 s warm-ups; the callers run in the bench process.`,
      ],
    };
  } finally {
    await db.end();
    await server.stop();
  }
}
