import { and, desc, eq, sql } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Database, TenantTx } from '../db/client.js';
import type { JobQueue, TaskContext } from '../jobs/index.js';
import { mailOutbox } from './schema.js';

/**
 * Email (DESIGN.md, Mail). `send` writes the message to the organisation's outbox in the
 * caller's transaction and adds a job, in the same transaction, that delivers it over SMTP: an
 * action that rolls back sends nothing. A delivery the mail server refuses for now (or cannot
 * be reached) is tried again with the job queue's backoff; one it refuses for good (5xx) is not.
 * Without SMTP_URL nothing is delivered and every message stays in the outbox, readable by staff.
 */

export const MailMessage = z.object({
  to: z.email(),
  subject: z.string().trim().min(1).max(250),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
});
export type MailMessage = z.input<typeof MailMessage>;

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'not_sent';

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  /** Why the last try failed, or why the message was not sent. */
  error: string | null;
}

export interface Mailer {
  /** False when no mail server is configured: messages stay in the outbox. */
  readonly configured: boolean;
  /** Puts a message in the outbox (and, with a mail server, on its way) in the caller's transaction. */
  send(tx: TenantTx, organisationId: string, message: MailMessage): Promise<string>;
  /** An organisation's outbox, newest first. */
  listOutbox(tx: TenantTx, organisationId: string, opts?: { limit?: number }): Promise<OutboxEntry[]>;
  close(): void;
}

export interface MailerDeps {
  db: Database;
  clock: Clock;
  jobs: JobQueue;
  /** smtp://user:pass@host:587 or smtps://…:465 (SMTP_URL); no delivery when unset. */
  smtpUrl: string | undefined;
  /** The From address (MAIL_FROM). */
  from: string;
  /** Tries before a message is given up (about 3.5 hours of backoff for 10). */
  maxAttempts?: number;
}

export const NOT_CONFIGURED = 'Not sent: no mail server is configured (SMTP_URL).';

const SendMail = z.object({ organisationId: z.uuid(), messageId: z.uuid() });

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message?: string;
}

/** The mail server said no for good (5xx) to this message, not to our credentials. */
function isPermanent(e: SmtpFailure): boolean {
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH';
}

function describeFailure(e: SmtpFailure): string {
  return [e.code, e.message ?? String(e)].filter(Boolean).join(': ').slice(0, 1000);
}

function toEntry(row: typeof mailOutbox.$inferSelect): OutboxEntry {
  return {
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    error: row.error,
  };
}

export function createMailer({ db, clock, jobs, smtpUrl, from, maxAttempts = 10 }: MailerDeps): Mailer {
  const transport = smtpUrl
    ? createTransport({
        url: smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 60_000,
        // Messages are text we wrote; nothing in them may make the mailer read files or fetch URLs.
        disableFileAccess: true,
        disableUrlAccess: true,
      })
    : undefined;

  const byId = (organisationId: string, id: string) => and(eq(mailOutbox.organisationId, organisationId), eq(mailOutbox.id, id));

  async function deliver({ organisationId, messageId }: z.output<typeof SendMail>, ctx: TaskContext): Promise<void> {
    const [row] = await db.withTenant(organisationId, (tx) => tx.select().from(mailOutbox).where(byId(organisationId, messageId)));
    if (!row || row.status !== 'queued') return; // sent already, or given up
    const record = (values: Partial<typeof mailOutbox.$inferInsert>, attempted = true) =>
      db.withTenant(organisationId, (tx) =>
        tx
          .update(mailOutbox)
          .set({ ...values, ...(attempted ? { attempts: sql`${mailOutbox.attempts} + 1` } : {}) })
          .where(byId(organisationId, messageId)),
      );
    // Queued while a mail server was configured, and the server has since restarted without one.
    if (!transport) return void (await record({ status: 'not_sent', error: NOT_CONFIGURED }, false));
    try {
      const info = await transport.sendMail({
        from,
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        ...(row.htmlBody ? { html: row.htmlBody } : {}),
      });
      await record({ status: 'sent', sentAt: clock.now(), error: null, messageId: info.messageId });
    } catch (e) {
      const failure = e as SmtpFailure;
      const givenUp = isPermanent(failure) || ctx.lastAttempt;
      await record({ status: givenUp ? 'failed' : 'queued', error: describeFailure(failure) });
      if (givenUp) ctx.log.warn({ organisationId, messageId, err: e }, 'An email could not be delivered and will not be tried again.');
      else throw e; // the job queue tries again after its backoff
    }
  }

  const sendTask = jobs.define({ name: 'mail.send', payload: SendMail, maxAttempts, handler: deliver });

  return {
    configured: transport !== undefined,

    async send(tx, organisationId, message) {
      const m = MailMessage.parse(message);
      const [row] = await tx
        .insert(mailOutbox)
        .values({
          organisationId,
          toAddress: m.to,
          subject: m.subject,
          textBody: m.text,
          htmlBody: m.html ?? null,
          status: transport ? 'queued' : 'not_sent',
          error: transport ? null : NOT_CONFIGURED,
          createdAt: clock.now(),
        })
        .returning({ id: mailOutbox.id });
      if (transport) await jobs.enqueue(sendTask, { organisationId, messageId: row!.id }, { tx });
      return row!.id;
    },

    async listOutbox(tx, organisationId, { limit = 100 } = {}) {
      const rows = await tx
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.organisationId, organisationId))
        .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
        .limit(limit);
      return rows.map(toEntry);
    },

    close() {
      transport?.close();
    },
  };
}
