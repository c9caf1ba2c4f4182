import type { Role } from '../../../shared/identity.js';

export interface RoleGrant {
  role: Role;
  /** null: the role holds across the whole organisation. */
  siteId: string | null;
}

/** The roles these grants give at a site: those held there and those held across the organisation. */
export function rolesHeldAt(grants: readonly RoleGrant[], siteId: string): Role[] {
  return grants.filter((g) => g.siteId === null || g.siteId === siteId).map((g) => g.role);
}

/** The signed-in person making a request, as the platform knows them. */
export interface Actor {
  userId: string;
  organisationId: string;
  roles: RoleGrant[];
  /** SHA-256 of the session token, to end this session. */
  sessionKey: string;
  csrfToken: string;
}

/** Where a request came from, kept with every audit entry. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** What a service is handed for a use case: who asks, from where. */
export interface Ctx {
  actor: Actor;
  meta: RequestMeta;
}
