import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { and, desc, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { RosterImport, RosterImportList, RosterProgress } from '../../../../shared/roster-import.js';
import type { Ctx, RequestMeta } from '../../../platform/auth/actor.js';
import { recordAudit } from '../../../platform/audit/record.js';
import type { Permissions } from '../../../platform/authz.js';
import { monotonicMs, type Clock } from '../../../platform/clock.js';
import type { Database, TenantTx } from '../../../platform/db/client.js';
import { NotFound } from '../../../platform/errors.js';
import { personNames } from '../../identity/index.js';
import { rosterImports } from '../schema.js';
import { applyRosterPlan } from './apply.js';
import { loadCurrentRoster } from './current.js';
import { diffRoster, type RosterDiff } from './diff.js';
import { CannotDiscard, ImportHasProblems, NotPreviewed, PreviewOutdated } from './errors.js';
import { newReport, statusOf, summaryOf, viewOf, type StoredReport } from './import-record.js';
import { ROSTER_FILE_NAMES } from './manifest.js';
import { planSize } from './plan.js';
import { readRoster, type ReadRosterResult } from './read.js';
import { importDir, sourceAt, stageUpload, type RosterUpload } from './staging.js';

/**
 * R-ORG-3: a roster import from upload to apply.
 *
 * upload → the files are kept on disk → read and checked (progress written as it goes) → compared
 * with the organisation's records → 'previewed' with the report, or 'failed' with every problem
 * and nothing written → apply, or discard.
 *
 * Apply reads the kept files again and compares them again with the records as they are now, in
 * the transaction that writes, under a lock per organisation. If the changes differ from the
 * preview (someone changed the records meanwhile), nothing is written: the new preview is stored
 * and the admin is asked to check it. What is applied is always exactly what was shown.
 */
export interface RosterImportDeps {
  db: Database;
  clock: Clock;
  permissions: Permissions;
  /** Uploads are kept under `<dataDir>/roster-imports/`. */
  dataDir: string;
  uploadLimitBytes: number;
  /** Where failures that are ours, not the files', are logged. */
  logError?: (error: unknown, message: string) => void;
}

export interface PathImportOptions {
  onProgress?: (progress: RosterProgress) => void;
}

/** Progress is written at most this often (ms): enough for a progress bar, light on the database. */
const PROGRESS_EVERY_MS = 250;
/** The imports a list shows. */
const RECENT = 20;

export function createRosterImportService(deps: RosterImportDeps) {
  const { db, clock, permissions } = deps;
  const reading = new Map<string, Promise<void>>();

  const todayOf = (now: Date) => DateTime.fromJSDate(now, { zone: 'Europe/London' }).toISODate() ?? now.toISOString().slice(0, 10);

  function allow(ctx: Ctx): void {
    if (!permissions.authorize(ctx.actor, 'organisation.roster.import', { organisationId: ctx.actor.organisationId }).allowed) throw NotFound();
  }

  async function rowOf(tx: TenantTx, organisationId: string, id: string, lock = false) {
    const query = tx.select().from(rosterImports).where(and(eq(rosterImports.organisationId, organisationId), eq(rosterImports.id, id)));
    const [row] = lock ? await query.for('update') : await query;
    if (row === undefined) throw NotFound();
    return row;
  }

  function updateImport(tx: TenantTx, organisationId: string, id: string, set: Partial<typeof rosterImports.$inferInsert>) {
    return tx.update(rosterImports).set(set).where(and(eq(rosterImports.organisationId, organisationId), eq(rosterImports.id, id)));
  }

  async function view(organisationId: string, id: string): Promise<RosterImport> {
    return db.withTenant(organisationId, async (tx) => {
      const row = await rowOf(tx, organisationId, id);
      const names = await personNames(tx, organisationId, row.startedBy === null ? [] : [row.startedBy]);
      return viewOf(row, names, clock.now());
    });
  }

  /** Updates the stored report (and status) of an import that is still in `from`. */
  async function settle(organisationId: string, id: string, from: string, change: { status?: string; rows?: number; report: Partial<StoredReport> }): Promise<boolean> {
    return db.withTenant(organisationId, async (tx) => {
      const updated = await tx
        .update(rosterImports)
        .set({
          ...(change.status === undefined ? {} : { status: change.status }),
          ...(change.rows === undefined ? {} : { rows: change.rows }),
          report: sql`${rosterImports.report} || ${JSON.stringify(change.report)}::jsonb`,
        })
        .where(and(eq(rosterImports.organisationId, organisationId), eq(rosterImports.id, id), eq(rosterImports.status, from)))
        .returning({ id: rosterImports.id });
      return updated.length > 0;
    });
  }

  /** Reads the files with progress written to the import as it goes. */
  async function readWithProgress(organisationId: string, id: string, path: string, onProgress?: (p: RosterProgress) => void): Promise<ReadRosterResult> {
    let lastWrite = -Infinity;
    let writing: Promise<unknown> = Promise.resolve();
    const record = (p: RosterProgress) => {
      onProgress?.(p);
      const at = monotonicMs();
      if (at - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = at;
      const progress = { ...p, at: clock.now().toISOString() };
      writing = writing.then(() => settle(organisationId, id, 'reading', { report: { progress } }));
    };
    try {
      return await readRoster(sourceAt(path), { onProgress: (p) => record({ phase: 'reading', ...p }) });
    } finally {
      await writing;
    }
  }

  function diffNow(tx: TenantTx, organisationId: string, read: ReadRosterResult & { bundle: NonNullable<ReadRosterResult['bundle']> }): Promise<RosterDiff> {
    return loadCurrentRoster(tx, organisationId).then((current) => diffRoster(read.bundle, current, { today: todayOf(clock.now()), newId: randomUUID }));
  }

  const rowsRead = (read: ReadRosterResult) => (read.bundle === null ? 0 : ROSTER_FILE_NAMES.reduce((n, f) => n + (read.bundle?.[f].length ?? 0), 0));

  /** Reads and compares; leaves the import previewed or failed. Never throws: a failure of ours is recorded and logged. */
  async function preview(organisationId: string, id: string, path: string, startedBy: string | null, onProgress?: (p: RosterProgress) => void): Promise<void> {
    try {
      const read = await readWithProgress(organisationId, id, path, onProgress);
      const rows = rowsRead(read);
      if (read.bundle === null) {
        await finish(organisationId, id, startedBy, 'failed', rows, { problems: read.problems, problemCount: read.problemCount, progress: null });
        return;
      }
      const bundle = read.bundle;
      onProgress?.({ phase: 'comparing', file: null, rows, bytesRead: 0, totalBytes: 0 });
      const diff = await db.withTenant(organisationId, (tx) => diffNow(tx, organisationId, { ...read, bundle }));
      if (diff.problems.length > 0) {
        await finish(organisationId, id, startedBy, 'failed', rows, { problems: diff.problems.slice(0, 500), problemCount: diff.problems.length, progress: null });
        return;
      }
      await finish(organisationId, id, startedBy, 'previewed', rows, { preview: diff.report, fingerprint: diff.fingerprint, progress: null });
    } catch (error) {
      deps.logError?.(error, 'roster import: reading failed');
      await finish(organisationId, id, startedBy, 'failed', 0, { progress: null, message: 'Something went wrong reading these files. Nothing was written. Try again, and tell your IT support if it happens again.' });
    }
  }

  async function finish(organisationId: string, id: string, actorId: string | null, status: 'previewed' | 'failed', rows: number, report: Partial<StoredReport>): Promise<void> {
    const moved = await settle(organisationId, id, 'reading', { status, rows, report });
    if (status === 'failed') await removeFiles(organisationId, id);
    if (!moved) return; // discarded while it was being read
    await db.withTenant(organisationId, (tx) =>
      recordAudit(tx, {
        organisationId,
        actorId,
        action: status === 'previewed' ? 'organisation.roster.previewed' : 'organisation.roster.failed',
        subjectType: 'roster_import',
        subjectId: id,
        at: clock.now(),
        details: { rows, problems: report.problemCount ?? 0, kinds: report.preview?.kinds.map((k) => ({ kind: k.kind, added: k.added, changed: k.changed, ended: k.ended })) ?? [] },
      }),
    );
  }

  async function start(organisationId: string, id: string, actorId: string | null, path: string, origin: StoredReport['origin'], meta?: RequestMeta): Promise<void> {
    await db.withTenant(organisationId, async (tx) => {
      await tx.insert(rosterImports).values({ organisationId, id, startedBy: actorId, startedAt: clock.now(), status: 'reading', stagingPath: path, report: newReport(origin) });
      await recordAudit(tx, { organisationId, actorId, action: 'organisation.roster.uploaded', subjectType: 'roster_import', subjectId: id, meta, at: clock.now(), details: { origin } });
    });
  }

  async function removeFiles(organisationId: string, id: string): Promise<void> {
    await rm(importDir(deps.dataDir, organisationId, id), { recursive: true, force: true });
  }

  /** Applies a previewed import as `actorId` (null for the command line). */
  async function applyImport(organisationId: string, id: string, actorId: string | null, meta?: RequestMeta): Promise<void> {
    const before = await db.withTenant(organisationId, (tx) => rowOf(tx, organisationId, id));
    const status = statusOf(before, clock.now()).status;
    if (status !== 'previewed' || before.stagingPath === null) throw NotPreviewed(status);
    const read = await readRoster(sourceAt(before.stagingPath));
    const outcome = await db.withTenant(organisationId, async (tx) => {
      // One import at a time per organisation, and this one only while it is still previewed.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`roster-import:${organisationId}`}, 0))`);
      const row = await rowOf(tx, organisationId, id, true);
      if (row.status !== 'previewed') return { kind: 'not_previewed' as const, status: row.status };
      const stored = row.report as StoredReport;
      const bundle = read.bundle;
      if (bundle === null) {
        await updateImport(tx, organisationId, id, { status: 'failed', report: { ...stored, problems: read.problems, problemCount: read.problemCount } });
        return { kind: 'problems' as const };
      }
      const diff = await diffNow(tx, organisationId, { ...read, bundle });
      if (diff.problems.length > 0) {
        await updateImport(tx, organisationId, id, { status: 'failed', report: { ...stored, problems: diff.problems.slice(0, 500), problemCount: diff.problems.length } });
        return { kind: 'problems' as const };
      }
      if (diff.fingerprint !== stored.fingerprint) {
        await updateImport(tx, organisationId, id, { report: { ...stored, preview: diff.report, fingerprint: diff.fingerprint } });
        return { kind: 'outdated' as const };
      }
      const now = clock.now();
      await applyRosterPlan(tx, diff.plan, { organisationId, now });
      await updateImport(tx, organisationId, id, { status: 'applied', appliedAt: now, stagingPath: null });
      await recordAudit(tx, {
        organisationId,
        actorId,
        action: 'organisation.roster.applied',
        subjectType: 'roster_import',
        subjectId: id,
        meta,
        at: now,
        details: { rowsWritten: planSize(diff.plan), kinds: diff.report.kinds.map((k) => ({ kind: k.kind, added: k.added, changed: k.changed, ended: k.ended })) },
      });
      return { kind: 'applied' as const };
    });
    switch (outcome.kind) {
      case 'not_previewed':
        throw NotPreviewed(outcome.status);
      case 'problems':
        await removeFiles(organisationId, id);
        throw ImportHasProblems();
      case 'outdated':
        throw PreviewOutdated();
      case 'applied':
        await removeFiles(organisationId, id);
    }
  }

  return {
    /** Keeps the upload on disk and starts reading it; the answer comes at once with status 'reading'. */
    async upload(ctx: Ctx, upload: RosterUpload): Promise<RosterImport> {
      allow(ctx);
      const organisationId = ctx.actor.organisationId;
      const id = randomUUID();
      const path = await stageUpload(importDir(deps.dataDir, organisationId, id), upload, deps.uploadLimitBytes);
      await start(organisationId, id, ctx.actor.userId, path, 'upload', ctx.meta);
      const work = preview(organisationId, id, path, ctx.actor.userId).finally(() => reading.delete(id));
      reading.set(id, work);
      return view(organisationId, id);
    },

    /** Resolves when the import's files have been read and compared (for tests and the command line). */
    async whenRead(id: string): Promise<void> {
      await reading.get(id);
    },

    /** The command line's import: reads the zip or folder where it is, without an actor. */
    async previewPath(organisationId: string, path: string, opts: PathImportOptions = {}): Promise<RosterImport> {
      const id = randomUUID();
      await start(organisationId, id, null, path, 'command');
      await preview(organisationId, id, path, null, opts.onProgress);
      return view(organisationId, id);
    },

    async applyAsCommand(organisationId: string, id: string): Promise<RosterImport> {
      await applyImport(organisationId, id, null);
      return view(organisationId, id);
    },

    async get(ctx: Ctx, id: string): Promise<RosterImport> {
      allow(ctx);
      return view(ctx.actor.organisationId, id);
    },

    async list(ctx: Ctx): Promise<RosterImportList> {
      allow(ctx);
      const organisationId = ctx.actor.organisationId;
      return db.withTenant(organisationId, async (tx) => {
        const rows = await tx.select().from(rosterImports).where(eq(rosterImports.organisationId, organisationId)).orderBy(desc(rosterImports.startedAt)).limit(RECENT);
        const names = await personNames(tx, organisationId, rows.flatMap((r) => (r.startedBy === null ? [] : [r.startedBy])));
        const now = clock.now();
        return { imports: rows.map((r) => summaryOf(r, names, now)) };
      });
    },

    async apply(ctx: Ctx, id: string): Promise<RosterImport> {
      allow(ctx);
      await applyImport(ctx.actor.organisationId, id, ctx.actor.userId, ctx.meta);
      return view(ctx.actor.organisationId, id);
    },

    async discard(ctx: Ctx, id: string): Promise<RosterImport> {
      allow(ctx);
      const organisationId = ctx.actor.organisationId;
      await db.withTenant(organisationId, async (tx) => {
        const row = await rowOf(tx, organisationId, id, true);
        const { status } = statusOf(row, clock.now());
        if (status === 'applied' || status === 'discarded') throw CannotDiscard(status);
        await updateImport(tx, organisationId, id, { status: 'discarded', stagingPath: null });
        await recordAudit(tx, { organisationId, actorId: ctx.actor.userId, action: 'organisation.roster.discarded', subjectType: 'roster_import', subjectId: id, meta: ctx.meta, at: clock.now() });
      });
      await removeFiles(organisationId, id);
      return view(organisationId, id);
    },
  };
}

export type RosterImportService = ReturnType<typeof createRosterImportService>;
