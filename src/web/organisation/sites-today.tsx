import { useQuery } from '@tanstack/react-query';
import type { Overview } from '../../shared/organisation.js';
import { api } from '../api.js';
import { longDate } from './dates.js';

/** R-ORG-1, R-ORG-2: for leaders, whether each site is open today and what is on. */
export function SitesToday() {
  const q = useQuery({ queryKey: ['overview'], queryFn: () => api<Overview>('GET', '/api/organisation/overview') });
  if (q.isPending) return <p role="status">Loading today’s picture…</p>;
  if (q.isError) return <p className="error-message">{q.error.message}</p>;
  return (
    <ul className="plain">
      {q.data.sites.map((s) => (
        <li key={s.id} className="picker-row">
          <span>
            <strong>{s.name}</strong>
            <br />
            {s.working
              ? `Open today: ${s.lessonsToday} lessons on the timetable, ${s.classes} classes, ${s.learners} learners.`
              : `Closed today (${s.reason}).${s.nextWorkingDay ? ` Next open ${longDate(s.nextWorkingDay)}.` : ''}`}
            {s.currentTerm ? <span className="hint"> {s.currentTerm.name} ends {longDate(s.currentTerm.endDate)}.</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
