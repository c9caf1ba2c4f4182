// R-WORK-5 (issue 5): 500 learners hand in a 5 MB photo at the same moment, at a deadline:
// POST /api/work/assignments/:id/submission (multipart: text, the own-work tick, a JPEG), all
// 500 sent at once. Throughput, latency, and the server's peak memory: uploads are streamed to
// disk, never held whole in memory (goal: peak RSS under 300 MB). Baseline, same run, same
// requests: bare Fastify with @fastify/multipart streaming each file to a file of its own.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { jpegBytes } from '../src/server/platform/files/sample-files.js';
import { freePort, memoryOf, percentile, round, sessionsFor, spawnServer, startContinuumWithTrust, type BenchResult, type RunningServer } from './harness.js';

const LEARNERS = Number(process.env.BENCH_UPLOADERS ?? 500);
const PHOTO_BYTES = 5 * 1024 * 1024;
const BOUNDARY = '----continuum-bench-upload';

/** A valid baseline JPEG of PHOTO_BYTES: the 8×8 sample with incompressible APP15 segments after its JFIF header (as a camera's metadata would sit). */
function photo(): Buffer {
  const small = jpegBytes();
  const header = 2 + 18; // SOI, then the JFIF APP0 segment
  const parts: Buffer[] = [small.subarray(0, header)];
  let size = small.length;
  while (size < PHOTO_BYTES) {
    const body = Math.min(65_533, PHOTO_BYTES - size - 4);
    if (body <= 0) break;
    const segment = Buffer.alloc(4 + body);
    segment.set([0xff, 0xef, (body + 2) >> 8, (body + 2) & 0xff]);
    randomBytes(body).copy(segment, 4);
    parts.push(segment);
    size += segment.length;
  }
  parts.push(small.subarray(header));
  return Buffer.concat(parts);
}

/** The multipart body around the photo: written as three buffers, the photo shared by every request. */
function form(): { head: Buffer; tail: Buffer } {
  const field = (name: string, value: string) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = `${field('body', 'My worksheet, photographed.')}${field('ownWork', 'yes')}--${BOUNDARY}\r\ncontent-disposition: form-data; name="files"; filename="worksheet.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`;
  return { head: Buffer.from(head), tail: Buffer.from(`\r\n--${BOUNDARY}--\r\n`) };
}

interface Burst {
  seconds: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
  peakRssMb: number;
  idleRssMb: number;
  failures: string[];
  /** Connection errors after an answer had come. */
  afterAnswer: string[];
}

/** Every request started at once, each on its own connection; the server's memory sampled meanwhile. */
async function burst(server: RunningServer, pathOf: (i: number) => string, headersOf: (i: number) => Record<string, string>, bytes: Buffer): Promise<Burst> {
  const { head, tail } = form();
  execFileSync('sync'); // the previous burst's files on disk, so this one does not pay for them
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const url = new URL(server.url);
  const idleRssMb = memoryOf(server.pid).rssMb;
  let sampledMb = idleRssMb;
  const sampler = setInterval(() => (sampledMb = Math.max(sampledMb, memoryOf(server.pid).rssMb)), 20);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const failures: string[] = [];
  const afterAnswer: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from(
      { length: LEARNERS },
      (_, i) =>
        new Promise<void>((resolve) => {
          const t0 = performance.now();
          let answered = false;
          const settle = (status: number, failure?: string) => {
            answered = true;
            latencies.push(performance.now() - t0);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (failure !== undefined && failures.length < 3) failures.push(failure);
            resolve();
          };
          const req = http.request(
            {
              host: url.hostname,
              port: url.port,
              method: 'POST',
              path: pathOf(i),
              agent,
              headers: { ...headersOf(i), 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(head.length + bytes.length + tail.length) },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => {
                const status = res.statusCode ?? 0;
                settle(status, status >= 300 ? `${status} ${Buffer.concat(chunks).toString().slice(0, 300)}` : undefined);
              });
            },
          );
          // An error after the answer (the server closing a refused upload's connection) is no second outcome.
          req.on('error', (e) => (answered ? afterAnswer.push(e.message) : settle(0, e.message)));
          req.write(head);
          req.write(bytes);
          req.end(tail);
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  agent.destroy();
  const { peakMb } = memoryOf(server.pid);
  return { seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), statuses, peakRssMb: Math.max(peakMb, sampledMb), idleRssMb, failures, afterAnswer };
}

/** Regular files under `dir`, leaving out the blob store's staging and pending folders. */
async function filesUnder(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !/[/\\]\.(staging|pending)([/\\]|$)/.test(path.join(e.parentPath, e.name).slice(dir.length))).length;
}

interface Assignment {
  organisationId: string;
  assignmentId: string;
  learnerIds: string[];
}

/** One piece of work, due in ten minutes, for LEARNERS learners of the school by name. */
async function setWork(db: pg.Pool): Promise<Assignment> {
  const { rows: learners } = await db.query<{ organisation_id: string; user_id: string }>(`select organisation_id, user_id from role_assignments where role = 'learner' order by user_id limit $1`, [LEARNERS]);
  if (learners.length < LEARNERS) throw new Error(`only ${learners.length} learners in the dataset`);
  const org = learners[0]!.organisation_id;
  const { rows } = await db.query<{ id: string }>(
    `insert into assignments (organisation_id, class_id, set_by, title, instructions, subject, for_date, due_at, estimated_minutes, screen_free, audience, published_at)
     select organisation_id, class_id, user_id, 'Photograph your worksheet', 'Take a clear photo of both sides.', 'Science', current_date, now() + interval '10 minutes', 30, true, 'learners', now() - interval '1 day'
     from class_staff where organisation_id = $1 order by class_id limit 1
     returning id`,
    [org],
  );
  const assignmentId = rows[0]!.id;
  await db.query(`insert into assignment_learners (organisation_id, assignment_id, learner_id) select $1, $2, unnest($3::uuid[])`, [org, assignmentId, learners.map((l) => l.user_id)]);
  return { organisationId: org, assignmentId, learnerIds: learners.map((l) => l.user_id) };
}

export async function benchUpload(): Promise<BenchResult> {
  const bytes = photo();
  const server = await startContinuumWithTrust('upload', { schools: 1, learners: LEARNERS + 100 });
  const db = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  const baseDir = await mkdtemp(path.join(os.tmpdir(), 'continuum-bench-upload-base-'));
  let baseline: RunningServer | undefined;
  try {
    const work = await setWork(db);
    const sessions = await sessionsFor(db, work.organisationId, work.learnerIds);
    const basePort = await freePort();
    baseline = await spawnServer({
      args: ['--import', 'tsx', fileURLToPath(import.meta.url), '--baseline-server'],
      env: { PORT: String(basePort), UPLOAD_DIR: baseDir },
      port: basePort,
      readyPath: '/ready',
    });

    const base = await burst(baseline, () => '/upload', () => ({}), bytes);
    const baseFiles = await filesUnder(baseDir);
    await rm(baseDir, { recursive: true, force: true });
    const ours = await burst(
      server,
      () => `/api/work/assignments/${work.assignmentId}/submission`,
      (i) => ({ cookie: sessions[i]!.cookie, 'x-csrf-token': sessions[i]!.csrf }),
      bytes,
    );

    const { rows } = await db.query<{ submissions: number; files: number; blobs: number; bytes: string }>(
      `select (select count(*)::int from submissions where assignment_id = $1) as submissions,
              (select count(*)::int from submission_files f join submissions s on s.organisation_id = f.organisation_id and s.id = f.submission_id where s.assignment_id = $1) as files,
              (select count(*)::int from blobs where content_type = 'image/jpeg') as blobs,
              (select coalesce(sum(byte_size), 0)::text from blobs where content_type = 'image/jpeg') as bytes`,
      [work.assignmentId],
    );
    const landed = rows[0]!;
    const blobDir = path.join(server.dir, 'data', 'blobs');
    const stored = await filesUnder(blobDir);
    const leftInStaging = (await readdir(path.join(blobDir, '.staging')).catch(() => [])).length;
    const created = (b: Burst) => (b.statuses[201] ?? 0) + (b.statuses[200] ?? 0);
    // Refusals are a figure; a hand-in answered 201 that did not land, or bytes left behind, is a bug.
    const problems = [
      created(base) !== LEARNERS && `the baseline answered ${JSON.stringify(base.statuses)}: ${base.failures.join(' | ')}`,
      baseFiles !== created(base) && `the baseline wrote ${baseFiles} files`,
      (landed.submissions !== created(ours) || landed.files !== created(ours) || landed.blobs !== created(ours) || stored !== created(ours)) &&
        `${created(ours)} answered 201, but landed: ${landed.submissions} hand-ins, ${landed.files} files on them, ${landed.blobs} blobs, ${stored} files in the store`,
      Number(landed.bytes) !== created(ours) * bytes.length && `stored ${landed.bytes} bytes, not ${created(ours) * bytes.length}`,
      leftInStaging !== 0 && `${leftInStaging} files left in staging`,
    ].filter(Boolean);
    if (problems.length) throw new Error(`upload bench: ${problems.join('; ')}`);
    const refused = LEARNERS - created(ours);

    const totalMb = (LEARNERS * (bytes.length + 300)) / 2 ** 20;
    const floor = (value: number) => ({ name: 'bare Fastify + multipart, streaming to files', value });
    return {
      bench: 'upload',
      figures: [
        { name: `${LEARNERS} hand-ins of a ${round(bytes.length / 2 ** 20)} MB photo at once: wall time`, value: round(ours.seconds), unit: 's', baseline: floor(round(base.seconds)) },
        { name: 'throughput (bytes received, every request)', value: round(totalMb / ours.seconds, 0), unit: 'MB/s', higherIsBetter: true, baseline: floor(round(totalMb / base.seconds, 0)) },
        { name: 'hand-ins accepted per second', value: round(created(ours) / ours.seconds), unit: 'uploads/s', higherIsBetter: true, baseline: floor(round(created(base) / base.seconds)) },
        { name: 'latency p50 (every request, refused ones too)', value: round(ours.p50 / 1000, 2), unit: 's', baseline: floor(round(base.p50 / 1000, 2)) },
        { name: 'latency p99', value: round(ours.p99 / 1000, 2), unit: 's', baseline: floor(round(base.p99 / 1000, 2)) },
        { name: 'hand-ins refused', value: refused, unit: 'requests', goal: 0 },
        { name: 'server peak RSS during the burst', value: round(ours.peakRssMb), unit: 'MB', baseline: floor(round(base.peakRssMb)), goal: 300 },
      ],
      notes: [
        refused === 0 ? `All ${LEARNERS} answered 201.` : `Answers: ${JSON.stringify(ours.statuses)}, e.g. ${ours.failures[0] ?? ''}${server.output().includes('timeout exceeded when trying to connect') ? '; the server log says pg-pool timed out waiting for a connection' : ''}.`,
        ...(ours.afterAnswer.length ? [`${ours.afterAnswer.length} connections failed after their answer had come (${[...new Set(ours.afterAnswer)].join(', ')}).`] : []),
        `${landed.submissions} hand-ins, ${landed.blobs} blobs (${round(Number(landed.bytes) / 2 ** 30, 2)} GB) and ${stored} files in the store; staging empty.`,
        `Server RSS before the burst: ${round(ours.idleRssMb)} MB (baseline ${round(base.idleRssMb)} MB), so the burst added ${round(ours.peakRssMb - ours.idleRssMb, 0)} MB (baseline ${round(base.peakRssMb - base.idleRssMb, 0)} MB): ${round(((ours.peakRssMb - ours.idleRssMb) * 1024) / LEARNERS, 0)} KB a connection, against ${round(bytes.length / 1024, 0)} KB a photo. Peak is the larger of VmHWM and VmRSS sampled every 20 ms.`,
        `Continuum authenticates, sniffs, hashes (sha256), fsyncs and records each file in a transaction with an audit row; the baseline only writes the bytes. Both on loopback, the ${LEARNERS} clients in the bench process on the same machine; sessions written straight to the database.`,
      ],
    };
  } finally {
    await baseline?.stop();
    await rm(baseDir, { recursive: true, force: true });
    await db.end();
    await server.stop();
  }
}

/** The floor: bare Fastify, each uploaded file streamed to a file of its own, nothing else. */
async function baselineServer(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { default: multipart } = await import('@fastify/multipart');
  const dir = process.env.UPLOAD_DIR ?? os.tmpdir();
  const app = Fastify({ logger: false });
  await app.register(multipart, { limits: { fileSize: 25 * 1024 * 1024 } });
  let n = 0;
  app.post('/upload', async (req, reply) => {
    const fields: Record<string, unknown> = {};
    for await (const part of req.parts()) {
      if (part.type === 'file') await pipeline(part.file, createWriteStream(path.join(dir, `${process.pid}-${++n}`)));
      else fields[part.fieldname] = part.value;
    }
    return reply.code(201).send({ fields: Object.keys(fields).length });
  });
  app.get('/ready', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const [, entry, flag] = process.argv;
if (flag === '--baseline-server' && entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url)) {
  await baselineServer();
}
