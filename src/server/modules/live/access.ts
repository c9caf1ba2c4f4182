import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { rolesHeldAt } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import type { TenantTx } from '../../platform/db/client.js';
import { classFacts } from '../organisation/index.js';
import type { Person } from './rules.js';
import { liveParticipants } from './schema.js';

/**
 * Who a signed-in person is to a live session, for the policy's rules and the permission tables:
 * one place for what the lobby, the register, the chat log, the recordings and the list of
 * sessions to look back on each ask.
 */

/** The caller as the policy's rules see them at a session's site. */
export function personAt(actor: Actor, siteId: string): Person {
  return { personId: actor.userId, roles: rolesHeldAt(actor.roles, siteId) };
}

interface SessionKeys {
  id: string;
  organisationId: string;
  siteId: string;
  classId: string | null;
  hostId: string;
}

/**
 * The staff of each session, who may read its register and chat (R-LIVE-8, -11): the class's
 * staff for a lesson, the host, and the colleagues invited to it (a second member of staff in a
 * 1-1, the staff in a meeting with a family). Leaders of the site read it by their role.
 */
export async function staffOfSessions(tx: TenantTx, org: string, sessions: readonly SessionKeys[]): Promise<Map<string, string[]>> {
  const classIds = [...new Set(sessions.flatMap((s) => (s.classId ? [s.classId] : [])))];
  const classes = classIds.length ? await classFacts(tx, org, classIds) : new Map<string, { staff: { userId: string }[] }>();
  const invited = sessions.length
    ? await tx
        .select({ sessionId: liveParticipants.sessionId, userId: liveParticipants.userId })
        .from(liveParticipants)
        .where(and(eq(liveParticipants.organisationId, org), inArray(liveParticipants.sessionId, sessions.map((s) => s.id)), inArray(liveParticipants.role, ['host', 'staff'])))
    : [];
  return new Map(
    sessions.map((s) => {
      const classStaff = s.classId ? (classes.get(s.classId)?.staff.map((x) => x.userId) ?? []) : [];
      const colleagues = invited.filter((p) => p.sessionId === s.id).map((p) => p.userId);
      return [s.id, [...new Set([s.hostId, ...classStaff, ...colleagues])]];
    }),
  );
}

/** Whether the caller may read this session's register and chat, given its staff (staffOfSessions). */
export function mayReadRegister(permissions: Permissions, actor: Actor, s: SessionKeys, staff: readonly string[]): boolean {
  return permissions.authorize(actor, 'live.register.read', { organisationId: s.organisationId, siteIds: [s.siteId], teacherIds: [...staff] }).allowed;
}

/** The same for one session: its staff read from the database first. */
export async function mayReadRegisterOf(tx: TenantTx, permissions: Permissions, actor: Actor, s: SessionKeys): Promise<boolean> {
  const staff = (await staffOfSessions(tx, s.organisationId, [s])).get(s.id) ?? [];
  return mayReadRegister(permissions, actor, s, staff);
}
