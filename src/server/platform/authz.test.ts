import { describe, expect, it } from 'vitest';
import type { Actor } from './auth/actor.js';
import { Permissions } from './authz.js';

const ORG = 'org-a';
const SITE_1 = 'site-1';
const SITE_2 = 'site-2';
const perms = new Permissions([
  {
    'learner.read': [
      { roles: 'any', relationship: 'self' },
      { roles: ['guardian'], relationship: 'guardian' },
      { roles: ['employer'], relationship: 'employer' },
      { roles: ['teacher'], relationship: 'site' },
      { roles: ['senior_leader'], relationship: 'organisation' },
    ],
    'audit.read': [{ roles: ['dpo'], relationship: 'organisation' }],
    'class.read': [{ roles: ['teacher', 'teaching_assistant'], relationship: 'teaches' }],
  },
]);

function actor(roles: Actor['roles'], userId = 'u-actor', organisationId = ORG): Actor {
  return { userId, organisationId, roles, sessionKey: 's', csrfToken: 'c' };
}
const learner = { organisationId: ORG, siteIds: [SITE_1], personId: 'u-learner', guardianIds: ['u-parent'], employerIds: ['u-boss'] };

describe('authorize: roles × scope × relationship, default deny', () => {
  it.each([
    ['the learner themself', actor([{ role: 'learner', siteId: SITE_1 }], 'u-learner'), true],
    ['their parent', actor([{ role: 'guardian', siteId: SITE_1 }], 'u-parent'), true],
    ['another parent', actor([{ role: 'guardian', siteId: SITE_1 }], 'u-other-parent'), false],
    ['their employer', actor([{ role: 'employer', siteId: null }], 'u-boss'), true],
    ['a teacher of their site', actor([{ role: 'teacher', siteId: SITE_1 }]), true],
    ['a teacher of another site', actor([{ role: 'teacher', siteId: SITE_2 }]), false],
    ['a teacher across the organisation', actor([{ role: 'teacher', siteId: null }]), true],
    ['a senior leader of any site', actor([{ role: 'senior_leader', siteId: SITE_2 }]), true],
    ['a senior leader of another organisation', actor([{ role: 'senior_leader', siteId: null }], 'u-x', 'org-b'), false],
    ['a DPO (no grant for this permission)', actor([{ role: 'dpo', siteId: null }]), false],
    ['someone with no roles', actor([]), false],
  ])('%s → %s', (_who, a, allowed) => {
    expect(perms.authorize(a, 'learner.read', learner).allowed).toBe(allowed);
  });

  it('lets the staff of a class in, and not a teacher of the same site who does not teach it', () => {
    const someClass = { organisationId: ORG, siteIds: [SITE_1], teacherIds: ['u-ms-khan', 'u-ta'] };
    expect(perms.authorize(actor([{ role: 'teacher', siteId: SITE_1 }], 'u-ms-khan'), 'class.read', someClass).allowed).toBe(true);
    expect(perms.authorize(actor([{ role: 'teaching_assistant', siteId: SITE_1 }], 'u-ta'), 'class.read', someClass).allowed).toBe(true);
    expect(perms.authorize(actor([{ role: 'teacher', siteId: SITE_1 }], 'u-other'), 'class.read', someClass).allowed).toBe(false);
    expect(perms.authorize(actor([{ role: 'learner', siteId: SITE_1 }], 'u-ms-khan'), 'class.read', someClass).allowed).toBe(false);
  });

  it('says which role and relationship allowed it, for the audit entry', () => {
    expect(perms.authorize(actor([{ role: 'teacher', siteId: SITE_1 }]), 'learner.read', learner)).toEqual({
      allowed: true,
      permission: 'learner.read',
      reason: 'teacher (site)',
    });
  });

  it('holds a permission anywhere only with a granted role', () => {
    expect(perms.holdsAnywhere(actor([{ role: 'dpo', siteId: null }]), 'audit.read')).toBe(true);
    expect(perms.holdsAnywhere(actor([{ role: 'teacher', siteId: null }]), 'audit.read')).toBe(false);
  });

  it('refuses to declare a permission twice or ask about an unknown one', () => {
    expect(() => new Permissions([{ a: [] }, { a: [] }])).toThrow(/declared twice/);
    expect(() => perms.authorize(actor([]), 'nope', learner)).toThrow(/Unknown permission/);
  });
});
