// R-LIVE-4 (issue 6): 1,000 learners join 40 lobbies within 2 seconds, then the 40 hosts admit
// everyone at once. Each learner is a WebSocket client (the `ws` package) on its own personal
// link, signed in; each host shows the notices first, as the page does. Measured: the time for
// all 1,000 to be in their lobbies, the round trip from a host's `admit` to each of its learners
// receiving a room state with `you.standing === 'admitted'`, and the server's peak memory. Then
// the same on two server instances sharing one PostgreSQL: half the hosts and learners on each,
// and half of every lobby on the instance its host is not on, so those admissions reach their
// learners only through PostgreSQL NOTIFY (src/server/platform/realtime/events.ts).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import pg from 'pg';
import WebSocket from 'ws';
import type { Invitation, ServerMessage } from '../src/shared/live.js';
import { academicYearOf } from '../src/server/demo/academic-year.js';
import { continuumArgs, freePort, memoryOf, percentile, round, sessionsFor, spawnServer, startContinuumWithTrust, type BenchResult, type RunningServer } from './harness.js';

const ROOMS = Number(process.env.BENCH_LOBBIES ?? 40);
const PER_ROOM = Number(process.env.BENCH_LOBBY_SIZE ?? 25);
const LEARNERS = ROOMS * PER_ROOM;
/** Learners start connecting evenly over this window. */
const ARRIVAL_MS = 2_000;
const PHASE_TIMEOUT_MS = 90_000;
const ZONE = 'Europe/London';
/** The two lessons of each class on the bench's day: one for each run, so each run opens fresh sessions. */
const PERIODS = [
  { start: '10:00', end: '11:00', clock: '10:05' },
  { start: '11:00', end: '12:00', clock: '11:05' },
] as const;

interface Person {
  userId: string;
  cookie: string;
  csrf: string;
}
type Invited = Person & { link: string };
interface Lobby {
  classId: string;
  periodIds: string[];
  host: Person;
  learners: Person[];
}
interface OpenRoom {
  sessionId: string;
  host: Invited;
  learners: Invited[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(ok: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!(await ok())) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/**
 * A Wednesday in late September of the dataset's school year (the seed builds the year "now"
 * falls in): in the autumn term, clear of INSET days, half terms and bank holidays.
 */
function lessonDay(): { date: string; weekday: number } {
  let d = DateTime.fromObject({ year: academicYearOf(new Date().toISOString().slice(0, 10)), month: 9, day: 22 }, { zone: ZONE });
  while (d.weekday !== 3) d = d.plus({ days: 1 });
  return { date: d.toISODate() ?? '', weekday: d.weekday };
}
const instantOf = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO() ?? '';

async function call<T>(server: RunningServer, who: Person, method: 'GET' | 'POST', url: string, body?: object): Promise<T> {
  const res = await fetch(server.url + url, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: server.url, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/**
 * The school's data for the bench, written straight to the database: 40 classes, each with one
 * of the dataset's teachers, 25 of its learners and two lessons on the bench's day; everyone
 * signed in. The policy is adopted through the API, as a senior leader would.
 */
async function setUp(db: pg.Pool, server: RunningServer, day: { date: string; weekday: number }): Promise<{ lobbies: Lobby[] }> {
  const { rows: sites } = await db.query<{ organisation_id: string; id: string }>(`select organisation_id, id from sites order by id limit 1`);
  const org = sites[0]!.organisation_id;
  const siteId = sites[0]!.id;
  const { rows: inTerm } = await db.query(
    `select 1 from terms where site_id = $1 and $2::date between start_date and end_date
     and not exists (select 1 from closures where site_id = $1 and $2::date between start_date and end_date)`,
    [siteId, day.date],
  );
  if (inTerm.length === 0) throw new Error(`lobby bench: ${day.date} is not a school day in the dataset's calendar`);
  const people = async (role: string, n: number) =>
    (await db.query<{ user_id: string }>(`select distinct user_id from role_assignments where organisation_id = $1 and role = $2 order by user_id limit $3`, [org, role, n])).rows.map((r) => r.user_id);
  const teachers = await people('teacher', ROOMS);
  const learners = await people('learner', LEARNERS);
  if (teachers.length < ROOMS || learners.length < LEARNERS) throw new Error(`lobby bench: the dataset has ${teachers.length} teachers and ${learners.length} learners`);
  const [leaderId] = (await db.query<{ user_id: string }>(`select user_id from role_assignments where organisation_id = $1 and role = 'senior_leader' and site_id is null limit 1`, [org])).rows.map((r) => r.user_id);
  if (!leaderId) throw new Error('lobby bench: the dataset has no trust senior leader');

  const classIds = teachers.map(() => randomUUID());
  await db.query(`insert into classes (organisation_id, id, site_id, name, subject) select $1, id, $2, 'Lobby ' || n, 'Mathematics' from unnest($3::uuid[]) with ordinality as t(id, n)`, [org, siteId, classIds]);
  await db.query(`insert into class_staff (organisation_id, class_id, user_id, role, is_primary) select $1, c, u, 'teacher', true from unnest($2::uuid[], $3::uuid[]) as t(c, u)`, [org, classIds, teachers]);
  await db.query(`insert into enrolments (organisation_id, class_id, learner_id) select $1, c, l from unnest($2::uuid[], $3::uuid[]) as t(c, l)`, [
    org,
    learners.map((_, k) => classIds[Math.floor(k / PER_ROOM)]),
    learners,
  ]);
  const periods = classIds.flatMap((classId) => PERIODS.map((p) => ({ id: randomUUID(), classId, ...p })));
  await db.query(`insert into timetable_periods (organisation_id, id, class_id, weekday, start_time, end_time) select $1, id, c, $2, s::time, e::time from unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[]) as t(id, c, s, e)`, [
    org,
    day.weekday,
    periods.map((p) => p.id),
    periods.map((p) => p.classId),
    periods.map((p) => p.start),
    periods.map((p) => p.end),
  ]);

  const signedIn = await sessionsFor(db, org, [leaderId, ...teachers, ...learners], new Date(instantOf(day.date, PERIODS[0].clock)));
  const byId = new Map(signedIn.map((s) => [s.userId, s]));
  await call(server, byId.get(leaderId)!, 'POST', '/api/policy/adoption', { preset: 'school-closure', why: 'Adopted by the trust board for the lobby benchmark.' });
  return {
    lobbies: classIds.map((classId, i) => ({
      classId,
      periodIds: periods.filter((p) => p.classId === classId).map((p) => p.id),
      host: byId.get(teachers[i]!)!,
      learners: learners.slice(i * PER_ROOM, (i + 1) * PER_ROOM).map((id) => byId.get(id)!),
    })),
  };
}

/** Each host opens its lesson (on the instance it will join) and everyone's personal link is read back. */
async function openLessons(db: pg.Pool, servers: RunningServer[], hostOn: (i: number) => number, lobbies: Lobby[], date: string, run: number): Promise<OpenRoom[]> {
  const rooms: OpenRoom[] = [];
  for (const [i, lobby] of lobbies.entries()) {
    const invitation = await call<Invitation>(servers[hostOn(i)]!, lobby.host, 'POST', '/api/live/lessons', { classId: lobby.classId, date, periodId: lobby.periodIds[run] });
    const links = new Map(
      (await db.query<{ user_id: string; link_token: string }>(`select user_id, link_token from live_participants where session_id = $1`, [invitation.sessionId])).rows.map((r) => [r.user_id, r.link_token]),
    );
    const invited = (p: Person): Invited => {
      const link = links.get(p.userId);
      if (!link) throw new Error(`lobby bench: ${p.userId} was not invited to ${invitation.sessionId}`);
      return { ...p, link };
    };
    rooms.push({ sessionId: invitation.sessionId, host: invited(lobby.host), learners: lobby.learners.map(invited) });
  }
  return rooms;
}

interface Run {
  admit: number[];
  /** Round trips of learners on the other instance from their host (two instances only). */
  admitAcross: number[];
  admitAlongside: number[];
  arrive: number[];
  lobbySeconds: number;
  admittedSeconds: number;
  waiting: number;
  admitted: number;
  idleMb: number[];
  lobbyMb: number[];
  admittedMb: number[];
  peakMb: number[];
  problems: string[];
}

/** One run: hosts in and notices shown; learners arrive over two seconds; once all wait, every host admits all. */
async function lobbyRun(db: pg.Pool, servers: RunningServer[], rooms: OpenRoom[], place: { host(i: number): number; learner(i: number, j: number): number }): Promise<Run> {
  const problems: string[] = [];
  const problem = (m: string) => void (problems.length < 6 && problems.push(m));
  const rss = () => servers.map((s) => memoryOf(s.pid).rssMb);
  const idleMb = rss();
  const sampled = [...idleMb];
  const sampler = setInterval(() => rss().forEach((mb, k) => (sampled[k] = Math.max(sampled[k]!, mb))), 50);
  const sockets: WebSocket[] = [];
  let ending = false;

  function open(server: RunningServer, sessionId: string, who: Invited, what: string, onMessage: (m: ServerMessage) => void): WebSocket {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/live/sessions/${sessionId}/socket?link=${encodeURIComponent(who.link)}`, {
      headers: { cookie: who.cookie, origin: server.url },
      perMessageDeflate: false,
    });
    sockets.push(ws);
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      if (m.type === 'refused') problem(`${what} refused: ${m.code} ${m.message}`);
      onMessage(m);
    });
    ws.on('unexpected-response', (_req, res) => problem(`${what}: upgrade answered ${res.statusCode}`));
    ws.on('error', (e) => problem(`${what}: ${e.message}`));
    ws.on('close', (code) => !ending && problem(`${what}: closed ${code}`));
    return ws;
  }

  try {
    // Hosts first, each showing the notices (R-LIVE-6) as the page does before anyone can be admitted.
    const hosts = rooms.map((room, i) => {
      const h = { ws: null as unknown as WebSocket, ready: false, admitAt: NaN };
      h.ws = open(servers[place.host(i)]!, room.sessionId, room.host, `host ${i}`, (m) => {
        if (m.type === 'state' && m.noticesShown) h.ready = true;
      });
      h.ws.on('open', () => h.ws.send(JSON.stringify({ type: 'notices-shown' })));
      return h;
    });
    if (!(await until(() => hosts.every((h) => h.ready), PHASE_TIMEOUT_MS))) throw new Error(`lobby bench: hosts not ready (${problems.join('; ')})`);

    const learners = rooms.flatMap((room, i) =>
      room.learners.map((who, j) => ({ room: i, j, who, instance: place.learner(i, j), startAt: NaN, waitingAt: NaN, admittedAt: NaN })),
    );
    // Interleaved, so every lobby fills across the whole two seconds.
    learners.sort((a, b) => a.j - b.j || a.room - b.room);
    let waiting = 0;
    let admitted = 0;
    const started = performance.now();
    learners.forEach((l, k) =>
      setTimeout(() => {
        l.startAt = performance.now();
        open(servers[l.instance]!, rooms[l.room]!.sessionId, l.who, `learner ${l.room}/${l.j}`, (m) => {
          if (m.type !== 'state') return;
          if (m.you.standing === 'waiting' && Number.isNaN(l.waitingAt)) {
            l.waitingAt = performance.now();
            waiting++;
          }
          if (m.you.standing === 'admitted' && Number.isNaN(l.admittedAt)) {
            l.admittedAt = performance.now();
            admitted++;
          }
        });
      }, (k * ARRIVAL_MS) / LEARNERS),
    );
    await until(() => waiting === LEARNERS, PHASE_TIMEOUT_MS);
    const lobbyMb = rss();

    for (const h of hosts) {
      h.admitAt = performance.now();
      h.ws.send(JSON.stringify({ type: 'admit', userIds: 'all' }));
    }
    const firstAdmit = Math.min(...hosts.map((h) => h.admitAt));
    await until(() => admitted === waiting, PHASE_TIMEOUT_MS);
    const admittedMb = rss();

    const done = learners.filter((l) => !Number.isNaN(l.admittedAt));
    const roundTrip = (l: (typeof learners)[number]) => l.admittedAt - hosts[l.room]!.admitAt;
    const run: Run = {
      admit: done.map(roundTrip),
      admitAcross: done.filter((l) => l.instance !== place.host(l.room)).map(roundTrip),
      admitAlongside: done.filter((l) => l.instance === place.host(l.room)).map(roundTrip),
      arrive: learners.filter((l) => !Number.isNaN(l.waitingAt)).map((l) => l.waitingAt - l.startAt),
      lobbySeconds: (Math.max(...learners.map((l) => l.waitingAt)) - started) / 1000,
      admittedSeconds: (Math.max(...done.map((l) => l.admittedAt)) - firstAdmit) / 1000,
      waiting,
      admitted,
      idleMb,
      lobbyMb,
      admittedMb,
      peakMb: [],
      problems,
    };
    clearInterval(sampler);
    run.peakMb = servers.map((s, k) => Math.max(sampled[k]!, memoryOf(s.pid).peakMb));
    return run;
  } finally {
    clearInterval(sampler);
    ending = true;
    for (const ws of sockets) ws.terminate();
    // Everyone's departure written before the next run, so it does not share the machine with this one's leaving.
    const ids = rooms.map((r) => r.sessionId);
    await until(async () => (await db.query(`select 1 from live_participants where session_id = any($1::uuid[]) and connected limit 1`, [ids])).rows.length === 0, 60_000);
  }
}

export async function benchLobby(): Promise<BenchResult> {
  const day = lessonDay();
  const load = os.loadavg()[0] ?? 0;
  const clockEnv = (run: number) => ({ CLOCK_START: instantOf(day.date, PERIODS[run]!.clock), CLOCK_MODE: 'running' });
  const server = await startContinuumWithTrust('lobby', { schools: 1, learners: LEARNERS, env: clockEnv(0) });
  const db = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  const pair: RunningServer[] = [];
  try {
    const { lobbies } = await setUp(db, server, day);

    const alone = { host: () => 0, learner: () => 0 };
    const one = await lobbyRun(db, [server], await openLessons(db, [server], alone.host, lobbies, day.date, 0), alone);

    // Two fresh instances on the same database; the first server stays up, idle.
    for (const name of ['a', 'b']) {
      const port = await freePort();
      pair.push(
        await spawnServer({
          args: continuumArgs(),
          env: { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: server.databaseUrl, DATA_DIR: path.join(server.dir, `data-${name}`), LOG_LEVEL: 'warn', ...clockEnv(1) },
          port,
          readyPath: '/readyz',
        }),
      );
    }
    const split = { host: (i: number) => i % 2, learner: (i: number, j: number) => (i + j) % 2 };
    const two = await lobbyRun(db, pair, await openLessons(db, pair, split.host, lobbies, day.date, 1), split);

    const ms = (samples: number[], p: number) => round(percentile(samples, p), 0);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const vs = (value: number) => ({ name: 'one instance', value });
    const problems = [...one.problems.map((p) => `one instance: ${p}`), ...two.problems.map((p) => `two instances: ${p}`)];
    if (one.admitted === 0 || two.admitted === 0) throw new Error(`lobby bench: nobody was admitted: ${problems.join('; ')}`);
    const mb = (xs: number[]) => xs.map((x) => `${round(x, 0)}`).join(' + ');
    return {
      bench: 'lobby',
      figures: [
        { name: `one instance: admit → admitted round trip p50 (${ROOMS} hosts admit all at once)`, value: ms(one.admit, 0.5), unit: 'ms' },
        { name: 'one instance: admit → admitted round trip p99', value: ms(one.admit, 0.99), unit: 'ms' },
        { name: `one instance: all ${LEARNERS} learners in their lobbies (arriving over ${ARRIVAL_MS / 1000} s)`, value: round(one.lobbySeconds, 2), unit: 's' },
        { name: 'one instance: all admitted, from the first admit', value: round(one.admittedSeconds, 2), unit: 's' },
        { name: 'one instance: server peak RSS', value: round(one.peakMb[0]!, 0), unit: 'MB' },
        { name: 'one instance: learners admitted', value: one.admitted, unit: 'learners', goal: LEARNERS, higherIsBetter: true },
        { name: 'two instances: admit → admitted round trip p50', value: ms(two.admit, 0.5), unit: 'ms', baseline: vs(ms(one.admit, 0.5)) },
        { name: 'two instances: admit → admitted round trip p99', value: ms(two.admit, 0.99), unit: 'ms', baseline: vs(ms(one.admit, 0.99)) },
        { name: `two instances: all ${LEARNERS} learners in their lobbies`, value: round(two.lobbySeconds, 2), unit: 's', baseline: vs(round(one.lobbySeconds, 2)) },
        { name: 'two instances: all admitted, from the first admit', value: round(two.admittedSeconds, 2), unit: 's', baseline: vs(round(one.admittedSeconds, 2)) },
        { name: 'two instances: peak RSS of the larger instance', value: round(Math.max(...two.peakMb), 0), unit: 'MB', baseline: vs(round(one.peakMb[0]!, 0)) },
        { name: 'two instances: peak RSS, both together', value: round(sum(two.peakMb), 0), unit: 'MB', baseline: vs(round(one.peakMb[0]!, 0)) },
        { name: 'two instances: learners admitted', value: two.admitted, unit: 'learners', goal: LEARNERS, higherIsBetter: true },
      ],
      notes: [
        `Arrival (socket opened → first "waiting" state) p50/p99: one instance ${ms(one.arrive, 0.5)}/${ms(one.arrive, 0.99)} ms, two instances ${ms(two.arrive, 0.5)}/${ms(two.arrive, 0.99)} ms.`,
        `Two instances, admit → admitted p50/p99 for learners on the host's own instance ${ms(two.admitAlongside, 0.5)}/${ms(two.admitAlongside, 0.99)} ms, on the other instance (through PostgreSQL NOTIFY) ${ms(two.admitAcross, 0.5)}/${ms(two.admitAcross, 0.99)} ms.`,
        `RSS idle (hosts not yet in) → all ${LEARNERS} waiting → all admitted: one instance ${mb(one.idleMb)} → ${mb(one.lobbyMb)} → ${mb(one.admittedMb)} MB; two instances ${mb(two.idleMb)} → ${mb(two.lobbyMb)} → ${mb(two.admittedMb)} MB. Admission joins each learner to the embedded SFU's room (no WebRTC signals are sent, so no peer connections are made). Peak is the larger of VmHWM and VmRSS sampled every 50 ms; it includes start-up.`,
        `Dataset: one school of the seeded trust (seeded in ${round(server.seedSeconds, 0)} s) with ${ROOMS} classes of ${PER_ROOM} written for the bench; policy preset school-closure (a lobby, notices before admission). Sessions written straight to the database; server clock started at ${PERIODS[0].clock} and ${PERIODS[1].clock} (${ZONE}) on ${day.date}, one lesson each run. Default pool (DB_POOL_MAX 10 per instance). Clients in the bench process on the same machine. During the two-instance run the first server stays up, idle.`,
        `Load average (1 min) when the bench began: ${round(load, 1)} on ${os.cpus().length} cores; other work on the machine lengthens every time here.`,
        ...(problems.length ? [`Problems seen: ${problems.join('; ')}`] : []),
      ],
    };
  } finally {
    for (const s of pair) await s.stop();
    await db.end();
    await server.stop();
  }
}
