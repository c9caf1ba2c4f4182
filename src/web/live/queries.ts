import { useQuery } from '@tanstack/react-query';
import type { LiveToday } from '../../shared/live.js';
import { api } from '../api.js';

/** Today's lessons one could open live, and one's invitations with their personal links (R-LIVE-1..3). */
export const TODAY_KEY = ['live', 'today'] as const;
export const useLiveToday = (enabled = true) => useQuery({ queryKey: TODAY_KEY, queryFn: () => api<LiveToday>('GET', '/api/live/today'), enabled });

export const sessionKey = (id: string) => ['live', 'session', id] as const;

/** The token of a personal link '/live/<id>?link=<token>'. */
export const tokenOf = (link: string) => new URLSearchParams(link.split('?')[1] ?? '').get('link');
