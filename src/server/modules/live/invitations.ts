import { randomBytes } from 'node:crypto';
import type { Invitation, SeatRole } from '../../../shared/live.js';
import type { TenantTx } from '../../platform/db/client.js';
import { liveParticipants, liveSessions } from './schema.js';

/** A person's own link to a session (R-LIVE-3): it works only for them, signed in. */
export const linkOf = (sessionId: string, token: string) => `/live/${sessionId}?link=${token}`;

/** Invites these people to a session, each with a personal link token of their own; returns the tokens by person. */
export async function invite(tx: TenantTx, org: string, sessionId: string, seats: readonly { userId: string; role: SeatRole }[], now: Date): Promise<Map<string, string>> {
  const tokens = new Map(seats.map((x) => [x.userId, randomBytes(18).toString('base64url')]));
  await tx.insert(liveParticipants).values(seats.map((x) => ({ organisationId: org, sessionId, userId: x.userId, role: x.role, linkToken: tokens.get(x.userId)!, standing: 'invited', invitedAt: now })));
  return tokens;
}

/** A session as one invited person sees it in their list, with their own link. */
export function invitationOf(
  s: typeof liveSessions.$inferSelect,
  role: string,
  token: string,
  hostName: string,
  forLearner: Invitation['forLearner'] = null,
  authorisationNeeded = false,
): Invitation {
  return {
    sessionId: s.id,
    title: s.title,
    kind: s.kind as Invitation['kind'],
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    status: s.status as Invitation['status'],
    host: { id: s.hostId, displayName: hostName },
    role: role as Invitation['role'],
    link: linkOf(s.id, token),
    forLearner,
    authorisation: s.authorisedAt ? 'given' : authorisationNeeded ? 'waiting' : 'not_needed',
  };
}
