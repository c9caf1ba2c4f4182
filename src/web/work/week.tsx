import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import type { Me } from '../../shared/identity.js';
import type { WeekView, WorkClasses } from '../../shared/work.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { Control, Field } from '../ui/forms.js';
import { count, dayText, minutesText, mondayOf, percentText, schoolDate } from './format.js';
import { Loaded, Tag } from './notices.js';

/** '+4.5 points more than usual', 'about the same'. Difference is in percentage points. */
export function differenceText(points: number): string {
  if (Math.abs(points) < 0.5) return 'About the usual';
  const n = Math.abs(points).toFixed(Math.abs(points) < 10 ? 1 : 0).replace(/\.0$/, '');
  return `${n} ${n === '1' ? 'point' : 'points'} ${points > 0 ? 'more' : 'less'} than usual`;
}

/** R-WORK-2, R-WORK-3: a class's week: balance of subjects, bunched deadlines, screen-free time, who set what. */
export function WeekPage({ me }: { me: Me }) {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const classes = useQuery({ queryKey: ['work', 'classes'], queryFn: () => api<WorkClasses>('GET', '/api/work/classes') });
  const mine = classes.data?.classes ?? [];
  const classId = search.get('classId') ?? '';
  const week = search.get('week') ?? mondayOf(schoolDate(me.now));
  const [pickClass, setPickClass] = useState(classId);
  const [pickWeek, setPickWeek] = useState(week);
  function show(e: FormEvent) {
    e.preventDefault();
    const id = pickClass || mine[0]?.id;
    if (id) navigate(`/week?classId=${id}&week=${mondayOf(pickWeek)}`);
  }
  return (
    <Page title="The week’s work">
      <p className="breadcrumbs">
        <Link href="/">Work</Link> › The week’s work
      </p>
      <p className="lead">Work set against the usual balance of subjects, days when deadlines bunch up, and time away from screens.</p>
      <form className="filters" aria-label="Choose a class and week" onSubmit={show}>
        <Control id="week-class" label="Class">
          {(a) => (
            <select {...a} value={pickClass || classId} onChange={(e) => setPickClass(e.target.value)}>
              {classId || pickClass ? null : <option value="">Choose a class</option>}
              {mine.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.teaches ? '' : ` (${c.siteName})`}
                </option>
              ))}
            </select>
          )}
        </Control>
        <Field id="week-of" label="Week beginning" type="date" value={pickWeek} onChange={(e) => setPickWeek(e.target.value)} />
        <button type="submit" className="button secondary">
          Show the week
        </button>
      </form>
      {classes.isError ? <p className="error-message">{classes.error.message}</p> : null}
      {classes.data && mine.length === 0 ? <p>You have no classes to look at.</p> : null}
      {classId ? <Week key={`${classId}-${week}`} classId={classId} week={week} /> : null}
    </Page>
  );
}

function Week({ classId, week }: { classId: string; week: string }) {
  const q = useQuery({ queryKey: ['work', 'week', classId, week], queryFn: () => api<WeekView>('GET', `/api/work/week?classId=${classId}&week=${week}`) });
  return (
    <Loaded q={q} what="the week">
      {(w) => (
        <>
          <h2>
            {w.class.name}: {dayText(w.weekOf)} to {dayText(w.weekEnd)}
          </h2>
          <Balance w={w} />
          <Bunches w={w} />
          <ScreenFree w={w} />
          <ByTeacher w={w} />
        </>
      )}
    </Loaded>
  );
}

function Balance({ w }: { w: WeekView }) {
  return (
    <section aria-labelledby="balance-title">
      <h3 id="balance-title">Balance of subjects</h3>
      {w.balance.length === 0 ? (
        <p>No work was set this week, and the class has no lessons on the timetable.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="balance-caption">
          <table>
            <caption id="balance-caption">Share of the week’s work by subject, against its share of the timetable</caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Usual share</th>
                <th scope="col">Work set</th>
                <th scope="col">Difference</th>
              </tr>
            </thead>
            <tbody>
              {w.balance.map((b) => (
                <tr key={b.subject}>
                  <th scope="row">{b.subject}</th>
                  <td>{percentText(b.expectedShare)}</td>
                  <td>
                    {percentText(b.actualShare)} <span className="hint">({minutesText(b.minutes).replace('About ', '')})</span>
                  </td>
                  <td>{differenceText(b.difference)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Bunches({ w }: { w: WeekView }) {
  return (
    <section aria-labelledby="bunches-title">
      <h3 id="bunches-title">Deadlines bunching up</h3>
      {w.maxSubjectsPerDay === null ? <p>The school’s policy sets no limit on deadlines a day.</p> : null}
      {w.maxSubjectsPerDay !== null && w.bunches.length === 0 ? <p>No day has more than {count(w.maxSubjectsPerDay, 'subject')} due. Deadlines are well spaced.</p> : null}
      {w.bunches.length ? (
        <ul className="plain work-list">
          {w.bunches.map((b) => (
            <li key={b.date} className="work-item">
              <Tag tone="alert">Too many deadlines</Tag> <strong>{dayText(b.date)}</strong>: {count(b.subjects.length, 'subject')} due ({b.subjects.join(', ')})
              {w.maxSubjectsPerDay !== null ? `; the policy allows ${w.maxSubjectsPerDay}` : ''}.
              <span className="hint"> {b.titles.join('; ')}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ScreenFree({ w }: { w: WeekView }) {
  const below = w.screenFree.filter((s) => s.belowMinimum).length;
  return (
    <section aria-labelledby="screen-free-title">
      <h3 id="screen-free-title">Time away from screens</h3>
      <p>
        {w.screenFreeMinimum !== null
          ? `The policy asks for at least ${w.screenFreeMinimum}% of each learner’s work to be screen-free. ${below ? `${count(below, 'learner')} ${below === 1 ? 'is' : 'are'} below that this week.` : 'Everyone meets it this week.'}`
          : 'The policy sets no minimum for screen-free work.'}
      </p>
      {w.screenFree.length ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="screen-free-caption">
          <table>
            <caption id="screen-free-caption">Share of each learner’s work this week that is screen-free</caption>
            <thead>
              <tr>
                <th scope="col">Learner</th>
                <th scope="col">Screen-free</th>
              </tr>
            </thead>
            <tbody>
              {w.screenFree.map((s) => (
                <tr key={s.learner.id}>
                  <th scope="row">{s.learner.displayName}</th>
                  <td>
                    {s.share === null ? 'No work set' : percentText(s.share)}
                    {s.belowMinimum ? (
                      <>
                        {' '}
                        <Tag tone="alert">Below the minimum</Tag>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function ByTeacher({ w }: { w: WeekView }) {
  return (
    <section aria-labelledby="by-teacher-title">
      <h3 id="by-teacher-title">Work set by each teacher</h3>
      {w.byTeacher.length === 0 ? (
        <p>No work was set this week.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="by-teacher-caption">
          <table>
            <caption id="by-teacher-caption">Pieces of work each teacher set for the class this week</caption>
            <thead>
              <tr>
                <th scope="col">Teacher</th>
                <th scope="col">Subject</th>
                <th scope="col">Pieces</th>
                <th scope="col">Time</th>
                <th scope="col">Set late</th>
              </tr>
            </thead>
            <tbody>
              {w.byTeacher.map((t) => (
                <tr key={`${t.teacher.id}-${t.subject}`}>
                  <th scope="row">{t.teacher.displayName}</th>
                  <td>{t.subject}</td>
                  <td>{t.pieces}</td>
                  <td>{minutesText(t.minutes).replace('About ', '')}</td>
                  <td>{t.setLate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
