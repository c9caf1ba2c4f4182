import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/database.js';
import { adjustableClock, type Clock } from '../clock.js';
import { createJobQueue, type JobLog, type JobQueue } from '../jobs/index.js';
import { createMailer, NOT_CONFIGURED, type Mailer, type MailMessage } from './outbox.js';

const MINUTE = 60_000;
const FROM = 'Continuum <continuum@school.test>';
const quiet: JobLog = { error() {}, warn() {}, info() {}, debug() {} };

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

/** A real SMTP server on loopback, which a test can make refuse recipients or sign-ins. */
let smtp: SMTPServer;
let smtpPort: number;
let received: Received[];
/** The reply to RCPT TO, when the test wants a refusal. */
let refuseRecipient: { code: number; text: string } | null;

let t: TestDatabase;
let clock: Clock;
let org: string;
let other: string;
let live: { jobs: JobQueue; mailer: Mailer }[] = [];

async function mailerFor(smtpUrl: string | undefined): Promise<{ jobs: JobQueue; mailer: Mailer }> {
  const jobs = createJobQueue({ db: t.db, clock, log: quiet });
  const mailer = createMailer({ db: t.db, clock, jobs, smtpUrl, from: FROM, maxAttempts: 3 });
  live.push({ jobs, mailer });
  await jobs.migrate();
  return { jobs, mailer };
}

const invitation: MailMessage = {
  to: 'parent@home.test',
  subject: 'Invitation: Year 9 maths, Monday 09:30',
  text: 'Your child is invited to a live lesson.\nCameras are off on entry.',
  html: '<p>Your child is invited to a live lesson.</p>',
};

const outbox = (organisationId: string) => t.db.withTenant(organisationId, (tx) => live[0]!.mailer.listOutbox(tx, organisationId));

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === 'continuum' && auth.password === 's3cret') done(null, { user: auth.username });
      else done(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, done) {
      if (refuseRecipient) done(Object.assign(new Error(refuseRecipient.text), { responseCode: refuseRecipient.code }));
      else done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  const queue = createJobQueue({ db: t.db, clock: adjustableClock('2026-09-07T08:00:00Z'), log: quiet });
  await queue.migrate();
  await queue.stop();
});

async function stopMailers(): Promise<void> {
  for (const l of live) {
    l.mailer.close();
    await l.jobs.stop();
  }
  live = [];
}

afterAll(async () => {
  await stopMailers();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await t?.drop();
});

beforeEach(async () => {
  await stopMailers();
  // Each test starts with an empty queue, whatever the one before left waiting.
  await t.db.systemPool.query('delete from graphile_worker._private_jobs');
  received = [];
  refuseRecipient = null;
  clock = adjustableClock('2026-09-07T08:00:00Z', 'frozen');
  org = randomUUID();
  other = randomUUID();
});

describe('mail', () => {
  it('delivers a message over SMTP after the action commits, and records it as sent', async () => {
    const { jobs, mailer } = await mailerFor(`smtp://continuum:s3cret@127.0.0.1:${smtpPort}`);
    await t.db.withTenant(org, (tx) => mailer.send(tx, org, invitation));
    expect(received).toEqual([]); // nothing leaves before the job runs
    expect(await jobs.drain()).toEqual({ completed: 1, failed: 0 });

    expect(received).toHaveLength(1);
    const [m] = received;
    expect(m).toMatchObject({ from: 'continuum@school.test', to: ['parent@home.test'], user: 'continuum' });
    expect(m!.raw).toMatch(/^Subject: Invitation: Year 9 maths, Monday 09:30\r$/m);
    expect(m!.raw).toMatch(/^To: parent@home.test\r$/m);
    expect(m!.raw).toContain('Your child is invited to a live lesson.\r\nCameras are off on entry.');
    expect(m!.raw).toContain('<p>Your child is invited to a live lesson.</p>');

    const [entry] = await outbox(org);
    expect(entry).toMatchObject({ to: 'parent@home.test', subject: invitation.subject, status: 'sent', attempts: 1, error: null });
    expect(entry!.sentAt).toEqual(clock.now());
  });

  it('sends nothing when the action rolls back', async () => {
    const { jobs, mailer } = await mailerFor(`smtp://127.0.0.1:${smtpPort}`);
    await expect(
      t.db.withTenant(org, async (tx) => {
        await mailer.send(tx, org, invitation);
        throw new Error('the invitation could not be saved');
      }),
    ).rejects.toThrow();
    expect(await jobs.drain()).toEqual({ completed: 0, failed: 0 });
    expect(received).toEqual([]);
    expect(await outbox(org)).toEqual([]);
  });

  it('tries again with a backoff when the server refuses for now, and records why', async () => {
    const { jobs, mailer } = await mailerFor(`smtp://127.0.0.1:${smtpPort}`);
    refuseRecipient = { code: 451, text: 'Mailbox busy, try again later' };
    await t.db.withTenant(org, (tx) => mailer.send(tx, org, invitation));
    expect(await jobs.drain()).toEqual({ completed: 0, failed: 1 });
    expect(await outbox(org)).toMatchObject([{ status: 'queued', attempts: 1, error: expect.stringMatching(/451.*Mailbox busy/) }]);

    refuseRecipient = null;
    expect(await jobs.drain()).toEqual({ completed: 0, failed: 0 }); // still waiting out the backoff
    clock.advance(MINUTE);
    expect(await jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(await outbox(org)).toMatchObject([{ status: 'sent', attempts: 2, error: null }]);
  });

  it('gives up at once when the server refuses the recipient for good', async () => {
    const { jobs, mailer } = await mailerFor(`smtp://127.0.0.1:${smtpPort}`);
    refuseRecipient = { code: 550, text: 'No such user here' };
    await t.db.withTenant(org, (tx) => mailer.send(tx, org, invitation));
    expect(await jobs.drain()).toEqual({ completed: 1, failed: 0 });
    clock.advance(60 * MINUTE);
    await jobs.drain();
    expect(await outbox(org)).toMatchObject([{ status: 'failed', attempts: 1, error: expect.stringMatching(/550.*No such user/) }]);
  });

  it('retries when the mail server cannot be reached or refuses our sign-in, then gives up after the last try', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const unreachable = await mailerFor(`smtp://127.0.0.1:${closedPort}`);
    await t.db.withTenant(org, (tx) => unreachable.mailer.send(tx, org, invitation));
    for (let i = 0; i < 2; i++) {
      expect(await unreachable.jobs.drain()).toEqual({ completed: 0, failed: 1 });
      expect(await outbox(org)).toMatchObject([{ status: 'queued', attempts: i + 1 }]);
      clock.advance(10 * MINUTE);
    }
    // The last try records the failure and ends the job: there is nothing left to retry.
    expect(await unreachable.jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect(await outbox(org)).toMatchObject([{ status: 'failed', attempts: 3, error: expect.stringMatching(/ECONNECTION|ECONNREFUSED/) }]);

    const wrongPassword = await mailerFor(`smtp://continuum:wrong@127.0.0.1:${smtpPort}`);
    await t.db.withTenant(other, (tx) => wrongPassword.mailer.send(tx, other, invitation));
    expect(await wrongPassword.jobs.drain()).toEqual({ completed: 0, failed: 1 });
    expect(await outbox(other)).toMatchObject([{ status: 'queued', attempts: 1, error: expect.stringMatching(/EAUTH.*535/) }]);
    expect(received).toEqual([]);
  });

  it('keeps messages in the outbox, marked not sent, when no mail server is configured', async () => {
    const { jobs, mailer } = await mailerFor(undefined);
    expect(mailer.configured).toBe(false);
    await t.db.withTenant(org, (tx) => mailer.send(tx, org, invitation));
    await t.db.withTenant(other, (tx) => mailer.send(tx, other, { ...invitation, to: 'someone@else.test' }));
    expect(await jobs.drain()).toEqual({ completed: 0, failed: 0 });
    const entries = await outbox(org);
    expect(entries).toEqual([
      expect.objectContaining({ to: 'parent@home.test', text: invitation.text, html: invitation.html, status: 'not_sent', error: NOT_CONFIGURED, attempts: 0 }),
    ]);
    expect(received).toEqual([]);
  });

  it('marks a queued message not sent when the server has restarted without a mail server', async () => {
    const before = await mailerFor(`smtp://127.0.0.1:${smtpPort}`);
    await t.db.withTenant(org, (tx) => before.mailer.send(tx, org, invitation));
    const after = await mailerFor(undefined);
    expect(await after.jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect(await outbox(org)).toMatchObject([{ status: 'not_sent', attempts: 0, error: NOT_CONFIGURED }]);
    expect(received).toEqual([]);
  });

  it('refuses a message with no valid address before anything is written', async () => {
    const { mailer } = await mailerFor(`smtp://127.0.0.1:${smtpPort}`);
    await expect(t.db.withTenant(org, (tx) => mailer.send(tx, org, { ...invitation, to: 'not an address' }))).rejects.toThrow();
    expect(await outbox(org)).toEqual([]);
  });
});
