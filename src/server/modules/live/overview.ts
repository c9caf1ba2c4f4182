import { and, desc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import type { SessionOverview, SessionStatus } from '../../../shared/live.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/client.js';
import { personNames } from '../identity/index.js';
import { policyInForce } from '../policy/index.js';
import { mayReadRegister, personAt, staffOfSessions } from './access.js';
import type { LivePolicy } from './policy.js';
import { canViewRecording } from './rules.js';
import { liveRecordings, liveSessions } from './schema.js';

/** How far back the list of sessions looks: long enough to cover any recording's retention and complaint window. */
const LOOK_BACK_DAYS = 35;

/**
 * The live sessions of the last weeks that this member of staff may look back on (R-LIVE-7, -8):
 * those whose register they may read (their own sessions and their classes', and every session of
 * a site they oversee), and those with a recording the policy lets them watch (the safeguarding
 * lead under 000), each with what they may open. Sessions they may not see are not listed.
 */
export function createSessionOverview(deps: { db: Database; clock: Clock; permissions: Permissions }) {
  const { db, clock, permissions } = deps;

  return {
    async recent(ctx: Ctx): Promise<SessionOverview> {
      const org = ctx.actor.organisationId;
      const now = clock.now();
      return db.withTenant(org, async (tx) => {
        const sessions = await tx
          .select()
          .from(liveSessions)
          .where(and(eq(liveSessions.organisationId, org), gte(liveSessions.startsAt, new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000)), lt(liveSessions.startsAt, now)))
          .orderBy(desc(liveSessions.startsAt));
        const staff = await staffOfSessions(tx, org, sessions);
        const recordings = sessions.length
          ? await tx
              .select({ sessionId: liveRecordings.sessionId, deleteAfter: liveRecordings.deleteAfter })
              .from(liveRecordings)
              .where(and(eq(liveRecordings.organisationId, org), inArray(liveRecordings.sessionId, sessions.map((s) => s.id)), isNull(liveRecordings.deletedAt)))
          : [];
        const policies = new Map<string, LivePolicy | null>();
        const policyAt = async (siteId: string) => {
          if (!policies.has(siteId)) policies.set(siteId, (await policyInForce(tx, org, siteId))?.document.sections.live ?? null);
          return policies.get(siteId) ?? null;
        };
        const listed: SessionOverview['sessions'] = [];
        for (const s of sessions) {
          const canReadRegister = mayReadRegister(permissions, ctx.actor, s, staff.get(s.id) ?? []);
          const mine = recordings.filter((r) => r.sessionId === s.id);
          const policy = mine.length ? await policyAt(s.siteId) : null;
          const watchable = policy ? mine.filter((r) => canViewRecording(policy, personAt(ctx.actor, s.siteId), { hostId: s.hostId, deleteAt: r.deleteAfter ?? now }, now).allowed).length : 0;
          if (!canReadRegister && watchable === 0) continue;
          listed.push({
            id: s.id,
            title: s.title,
            kind: s.kind as SessionOverview['sessions'][number]['kind'],
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            status: s.status as SessionStatus,
            host: { id: s.hostId, displayName: '' },
            overran: s.overranAt !== null,
            canReadRegister,
            recordingsToWatch: watchable,
          });
        }
        const names = await personNames(tx, org, listed.map((s) => s.host.id));
        return { sessions: listed.map((s) => ({ ...s, host: { id: s.host.id, displayName: names.get(s.host.id) ?? '' } })) };
      });
    },
  };
}

export type SessionOverviewService = ReturnType<typeof createSessionOverview>;
