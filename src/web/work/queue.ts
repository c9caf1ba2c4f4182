import { useQuery } from '@tanstack/react-query';
import type { MarkingItem, MarkingQueue } from '../../shared/work.js';
import { api } from '../api.js';

/** The marking queue, shared by the Marking page and the home page's summary. */
export const MARKING_KEY = ['work', 'marking'];

export function useMarking() {
  return useQuery({ queryKey: MARKING_KEY, queryFn: () => api<MarkingQueue>('GET', '/api/work/marking') });
}

/** Soonest due first; replies (no deadline) after work with one, each group oldest first. */
export function byDue(items: MarkingItem[]): MarkingItem[] {
  return [...items].sort((a, b) => {
    if (a.dueAt !== b.dueAt) {
      if (a.dueAt === null) return 1;
      if (b.dueAt === null) return -1;
      return a.dueAt < b.dueAt ? -1 : 1;
    }
    return a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0;
  });
}

/** 'Marking: 4 waiting, 1 overdue'. */
export function queueText(q: MarkingQueue): string {
  return `${q.items.length} waiting, ${q.overdue} overdue`;
}
