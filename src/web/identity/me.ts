import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Role } from '../../shared/identity.js';
import { api, ApiError, setCsrfToken } from '../api.js';

export const ME_KEY = ['me'] as const;

/** Who is signed in (null when nobody). The server's answer decides what the UI offers. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('GET', '/api/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me | null) => {
    if (me) setCsrfToken(me.csrfToken);
    qc.setQueryData(ME_KEY, me);
  };
}

/** Priority when a person holds several roles: the home they land on first. */
const HOME_ORDER: Role[] = [
  'senior_leader',
  'dsl',
  'dpo',
  'admin',
  'teacher',
  'subject_lead',
  'senco',
  'teaching_assistant',
  'assessor',
  'it',
  'governor',
  'employer',
  'guardian',
  'learner',
];

export function rolesOf(me: Me): Role[] {
  const held = new Set(me.roles.map((r) => r.role));
  return HOME_ORDER.filter((r) => held.has(r));
}
