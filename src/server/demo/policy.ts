import type { Db } from '../platform/db/client.js';
import { appendPolicyVersion, presetById, type NewPolicyVersion, type PresetId } from '../modules/policy/index.js';
import type { Plan } from './plan.js';

const DAY = 86_400_000;
type Change = Pick<NewPolicyVersion, 'kind' | 'document' | 'siteOverrides' | 'siteId'>;

/** When each demo organisation adopts its preset, and when its leader's one change is made (Tuesday of the fourth week, after the staff meeting, at Oakfield). */
const adoptedAtOf = (startYear: number, now: Date) => new Date(Math.min(Date.parse(`${startYear}-09-01T07:00:00Z`), now.getTime()));
const CHANGED_AT = { school: '09-22T15:30:00Z', provider: '09-15T09:00:00Z' } as const;
const changedAtOf = (which: keyof typeof CHANGED_AT, startYear: number) => new Date(Date.parse(`${startYear}-${CHANGED_AT[which]}`));
/** Whether writeDemoPolicies writes the change: not dated after `now`, and a day or more after adoption. */
const isChangeWritten = (at: Date, adoptedAt: Date, now: Date) => at.getTime() <= now.getTime() && at.getTime() - adoptedAt.getTime() >= DAY;

/** The version of a demo organisation's policy in force at an instant (as writeDemoPolicies writes them), or null before it adopts one. */
export function demoPolicyVersionAt(which: keyof typeof CHANGED_AT, startYear: number, now: Date, at: Date): number | null {
  const adoptedAt = adoptedAtOf(startYear, now);
  if (at.getTime() < adoptedAt.getTime()) return null;
  const changedAt = changedAtOf(which, startYear);
  return isChangeWritten(changedAt, adoptedAt, now) && changedAt.getTime() <= at.getTime() ? 2 : 1;
}

/**
 * R-POL-1, R-POL-2: each demo organisation's policy with a term of history. Oakfield Academy keeps
 * bubbles, so it runs the blended-school-with-bubbles preset; Northgate Skills runs the blended
 * training provider's. Each adopts its preset on 1 September of the school year, then its senior
 * leader makes one change with a why: Oakfield answers parents until 4pm, and Northgate's Bradford
 * centre keeps its own day. Every version has its audit entry; versions dated after `now` are left
 * out, so the demo stays true to its clock.
 */
export async function writeDemoPolicies(
  db: Db,
  plan: Plan,
  now: Date,
  startYear: number,
  orgs: { school: { id: string }; provider: { id: string; siteIds: string[] } },
): Promise<void> {
  const leaderOf = (organisationId: string, email: string) => {
    const u = plan.users.find((x) => x.organisationId === organisationId && x.email === email);
    if (!u?.id) throw new Error(`No demo leader ${email}.`);
    return { id: u.id, name: `${u.givenName} ${u.familyName}` };
  };
  const adoptedAt = adoptedAtOf(startYear, now);
  const policies: { organisationId: string; preset: PresetId; leader: { id: string; name: string }; at: Date; change: (why: string, at: Date, by: string) => Change; why: string }[] = [
    {
      organisationId: orgs.school.id,
      preset: 'blended-school-bubbles',
      leader: leaderOf(orgs.school.id, 'senior@oakfield.example'),
      at: changedAtOf('school', startYear),
      why: 'Agreed at the staff meeting: parents’ messages are answered until 4pm, so a message sent at the end of the school day is answered the same day.',
      change: (why, at, by) => {
        const document = structuredClone(presetById('blended-school-bubbles').document);
        document.sections.staffHours.notExpectedAfter = { value: '16:00', source: { kind: 'local', by, at: at.toISOString(), why } };
        return { kind: 'edited', document, siteOverrides: {} };
      },
    },
    {
      organisationId: orgs.provider.id,
      preset: 'blended-training-provider',
      leader: leaderOf(orgs.provider.id, 'manager@northgate.example'),
      at: changedAtOf('provider', startYear),
      why: 'The Bradford centre opens at 08:30 and closes at 16:30, to fit the buses most apprentices take.',
      change: (why, at, by) => ({
        kind: 'site_override',
        document: structuredClone(presetById('blended-training-provider').document),
        siteId: orgs.provider.siteIds[1]!,
        siteOverrides: {
          [orgs.provider.siteIds[1]!]: { sections: { calendar: { schoolDay: { value: { start: '08:30', end: '16:30' }, source: { kind: 'local', by, at: at.toISOString(), why } } } } },
        },
      }),
    },
  ];
  await db.transaction(async (tx) => {
    for (const p of policies) {
      const document = structuredClone(presetById(p.preset).document);
      const adoption = 'Adopted by the leadership team for the new school year.';
      await appendPolicyVersion(tx, p.organisationId, { kind: 'adopted', document, siteOverrides: {}, why: adoption, by: p.leader, at: adoptedAt });
      if (!isChangeWritten(p.at, adoptedAt, now)) continue;
      await appendPolicyVersion(tx, p.organisationId, { ...p.change(p.why, p.at, p.leader.name), why: p.why, by: p.leader, at: p.at, basedOn: 1 });
    }
  });
}
