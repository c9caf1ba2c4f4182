import type {
  RosterImport,
  RosterImportStatus,
  RosterImportSummary,
  RosterProblem,
  RosterProgress,
  RosterReport,
} from '../../../../shared/roster-import.js';
import type { rosterImports } from '../schema.js';

/**
 * R-ORG-3: what a roster_imports row keeps in its `report` column, and how a row is shown.
 * Progress is written there while the files are read, so any server instance can answer a poll.
 */
export interface StoredReport {
  /** An upload (its files are ours to remove) or a command-line import (the admin's own files). */
  origin: 'upload' | 'command';
  progress: (RosterProgress & { at: string }) | null;
  preview: RosterReport | null;
  /** Identifies the previewed changes; apply refuses when the changes it would make are not these. */
  fingerprint: string | null;
  problems: RosterProblem[];
  problemCount: number;
  /** Why it failed when it is not the files' fault. */
  message: string | null;
}

export function newReport(origin: StoredReport['origin']): StoredReport {
  return { origin, progress: null, preview: null, fingerprint: null, problems: [], problemCount: 0, message: null };
}

type Row = typeof rosterImports.$inferSelect;

/** A reading import whose progress has not moved for this long was cut off (the server stopped). */
const STALLED_MS = 10 * 60 * 1000;

const STATUSES: readonly RosterImportStatus[] = ['reading', 'previewed', 'applied', 'failed', 'discarded'];

export function statusOf(row: Row, now: Date): { status: RosterImportStatus; message: string | null } {
  const report = row.report as StoredReport;
  const status = STATUSES.find((s) => s === row.status) ?? 'failed';
  if (status === 'reading') {
    const last = report.progress === null ? row.startedAt.getTime() : Date.parse(report.progress.at);
    if (now.getTime() - last > STALLED_MS) {
      return { status: 'failed', message: 'Reading these files stopped part way, perhaps because the server restarted. Nothing was written; upload them again.' };
    }
  }
  return { status, message: report.message };
}

export function summaryOf(row: Row, names: ReadonlyMap<string, string>, now: Date): RosterImportSummary {
  const report = row.report as StoredReport;
  const totals = report.preview === null
    ? null
    : report.preview.kinds.reduce((t, k) => ({ added: t.added + k.added, changed: t.changed + k.changed, ended: t.ended + k.ended }), { added: 0, changed: 0, ended: 0 });
  return {
    id: row.id,
    status: statusOf(row, now).status,
    startedAt: row.startedAt.toISOString(),
    startedBy: row.startedBy === null ? null : { id: row.startedBy, displayName: names.get(row.startedBy) ?? 'Someone who has left' },
    appliedAt: row.appliedAt?.toISOString() ?? null,
    rows: row.rows,
    totals,
    problemCount: report.problemCount,
  };
}

export function viewOf(row: Row, names: ReadonlyMap<string, string>, now: Date): RosterImport {
  const report = row.report as StoredReport;
  const summary = summaryOf(row, names, now);
  const { message } = statusOf(row, now);
  const progress = report.progress === null ? null : { phase: report.progress.phase, file: report.progress.file, rows: report.progress.rows, bytesRead: report.progress.bytesRead, totalBytes: report.progress.totalBytes };
  return {
    ...summary,
    progress: summary.status === 'reading' ? progress : null,
    report: report.preview,
    problems: report.problems,
    message,
    can: { apply: summary.status === 'previewed', discard: summary.status === 'previewed' || summary.status === 'failed' || summary.status === 'reading' },
  };
}
