import { join } from 'node:path';
import { z } from 'zod';

/**
 * Every setting, read once from the environment and validated. The README's configuration
 * table lists the same names; keep them in step.
 */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** External PostgreSQL. When unset, an embedded PostgreSQL is run from the data directory. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  /** Port for the embedded PostgreSQL (loopback only). */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Demo or test clock: an ISO instant the server's clock starts at. Refused in production. */
  CLOCK_START: z.string().datetime({ offset: true }).optional(),
  /** With CLOCK_START: `running` moves on in real time from the start, `frozen` stands still. */
  CLOCK_MODE: z.enum(['running', 'frozen']).default('running'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Sign-in attempts allowed per IP address per minute. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** The largest roster upload (a zip, or the CSV files together) an admin may send (R-ORG-3). */
  ROSTER_UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
  /** Database connections for requests, and how long a request waits for one before a 503. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_POOL_WAIT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Where uploaded files (work, submissions, feedback) are kept; `<DATA_DIR>/blobs` when unset. */
  BLOB_DIR: z.string().min(1).optional(),
  /** Uploads read and written to disk at once; the rest wait their turn unread (R-WORK-5). */
  UPLOAD_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  /** Which media server carries live lessons: `embedded` (in this process, nothing to install) or `janus` (Debian's janus, started by us on loopback). */
  MEDIA_PROVIDER: z.enum(['embedded', 'janus']).default('embedded'),
  /** Live media: extra addresses to offer browsers (e.g. a public IP), comma-separated. */
  MEDIA_ADDRESSES: z.string().default(''),
  /** Only use these addresses for media (e.g. 127.0.0.1 for tests on one machine); empty: any. */
  MEDIA_ONLY_ADDRESSES: z.string().default(''),
  /** UDP ports for media, "min-max", so a firewall can open just these; empty: any. */
  MEDIA_UDP_PORTS: z
    .string()
    .regex(/^(\d{4,5}-\d{4,5})?$/, 'Give the range as min-max, e.g. 40000-40999')
    .default(''),
  /** The largest single file a person may upload (R-WORK-3, R-WORK-5). */
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  /** Mark cookies Secure (set in production behind HTTPS). */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Load the demo organisations when the database is empty (npm start sets it). */
  DEMO_DATA: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Directory of the built web app. */
  WEB_DIST: z.string().default('dist/web'),
  /** Run background jobs in this server process (turn off only where another instance runs them). */
  JOBS_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Background jobs run at once by this process. */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
  /** Mail server, e.g. smtp://user:pass@host:587 or smtps://…:465. When unset, mail stays in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The From address of every email the platform sends. */
  MAIL_FROM: z.string().min(3).default('Continuum <continuum@localhost>'),
  /** The address people reach Continuum at, for links in e-mails (personal links to live lessons). */
  PUBLIC_URL: z.string().url().optional(),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  clock: { start: string; mode: 'running' | 'frozen' } | undefined;
  sessionTtlHours: number;
  login: { maxFailures: number; lockoutMinutes: number; ratePerMinute: number };
  bodyLimitBytes: number;
  rosterUploadLimitBytes: number;
  blobDir: string;
  uploadLimitBytes: number;
  uploadConcurrency: number;
  media: { provider: 'embedded' | 'janus'; addresses: string[]; onlyAddresses: string[]; udpPorts: [number, number] | null };
  pool: { max: number; waitMs: number };
  cookieSecure: boolean;
  demoData: boolean;
  webDist: string;
  jobs: { worker: boolean; concurrency: number };
  mail: { smtpUrl: string | undefined; from: string };
  publicUrl: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.CLOCK_START) {
    throw new ConfigError('CLOCK_START is for demo and test servers and is refused in production.');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    logLevel: e.LOG_LEVEL,
    clock: e.CLOCK_START ? { start: e.CLOCK_START, mode: e.CLOCK_MODE } : undefined,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
      ratePerMinute: e.LOGIN_RATE_PER_MINUTE,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rosterUploadLimitBytes: e.ROSTER_UPLOAD_LIMIT_BYTES,
    blobDir: e.BLOB_DIR ?? join(e.DATA_DIR, 'blobs'),
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    uploadConcurrency: e.UPLOAD_CONCURRENCY,
    media: {
      provider: e.MEDIA_PROVIDER,
      addresses: list(e.MEDIA_ADDRESSES),
      onlyAddresses: list(e.MEDIA_ONLY_ADDRESSES),
      udpPorts: e.MEDIA_UDP_PORTS ? (e.MEDIA_UDP_PORTS.split('-').map(Number) as [number, number]) : null,
    },
    pool: { max: e.DB_POOL_MAX, waitMs: e.DB_POOL_WAIT_MS },
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    demoData: e.DEMO_DATA,
    webDist: e.WEB_DIST,
    jobs: { worker: e.JOBS_WORKER, concurrency: e.JOB_CONCURRENCY },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
  };
}

const list = (text: string) => text.split(',').map((x) => x.trim()).filter(Boolean);
