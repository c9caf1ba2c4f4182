import { useQuery } from '@tanstack/react-query';
import type { Timetable } from '../../shared/organisation.js';
import { api } from '../api.js';

const dayName = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

/** R-ORG-2: a person's lessons today (their own, or a child's), in their school's time zone. */
export function TodayLessons({ personId, title }: { personId?: string; title?: string }) {
  const q = useQuery({
    queryKey: ['timetable', personId ?? 'me'],
    queryFn: () => api<Timetable>('GET', personId ? `/api/timetable?personId=${personId}` : '/api/timetable'),
  });
  if (q.isPending) return <p role="status">Loading the timetable…</p>;
  if (q.isError) return <p className="error-message">{q.error.message}</p>;
  const t = q.data;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: t.site?.timeZone ?? 'Europe/London' });
  return (
    <div>
      {title ? <h3>{title}</h3> : null}
      {!t.working ? (
        <p>
          No lessons today ({t.reason}).
          {t.nextWorkingDay ? ` School is next open on ${dayName(t.nextWorkingDay)}.` : ''}
        </p>
      ) : t.lessons.length === 0 ? (
        <p>No lessons on the timetable today.</p>
      ) : (
        <ol className="lessons">
          {t.lessons.map((l) => (
            <li key={l.classId + l.start}>
              <span className="lesson-time">
                {time.format(new Date(l.start))}–{time.format(new Date(l.end))}
              </span>{' '}
              <strong>{l.subject}</strong> <span className="hint">{l.className}</span>
              {l.teachers.length || l.room ? (
                <span className="hint">
                  {' '}
                  · {[l.teachers.join(', '), l.room ? `room ${l.room}` : ''].filter(Boolean).join(' · ')}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
