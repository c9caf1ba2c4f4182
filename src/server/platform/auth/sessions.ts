import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sessions } from './schema.js';

export const SESSION_COOKIE = 'continuum_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface SessionRow {
  tokenHash: string;
  organisationId: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: Db,
  s: { organisationId: string; userId: string; now: Date; ttlHours: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; row: SessionRow }> {
  const token = randomBytes(32).toString('base64url');
  const row = {
    tokenHash: hashToken(token),
    organisationId: s.organisationId,
    userId: s.userId,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: s.now,
    lastSeenAt: s.now,
    expiresAt: new Date(s.now.getTime() + s.ttlHours * 3600_000),
    ip: s.ip,
    userAgent: s.userAgent?.slice(0, 400) ?? null,
  };
  await db.insert(sessions).values(row);
  return { token, row };
}

/** The live session for a cookie token, or null when unknown or expired. */
export async function findSession(db: Db, token: string, now: Date): Promise<SessionRow | null> {
  const [row] = await db
    .select({
      tokenHash: sessions.tokenHash,
      organisationId: sessions.organisationId,
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a person (sign out everywhere, password change). */
export async function endAllSessions(
  db: Db,
  organisationId: string,
  userId: string,
  except?: string,
): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.organisationId, organisationId),
        eq(sessions.userId, userId),
        except ? ne(sessions.tokenHash, except) : undefined,
      ),
    )
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}
