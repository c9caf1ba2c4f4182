import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { Me } from '../../shared/identity.js';
import type { ClassWork } from '../../shared/work.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { dayText, schoolDate, whenText } from './format.js';
import { Done, Loaded, Tag } from './notices.js';
import { PaperPack, type PackTarget } from './paper-pack.js';
import { SetWorkForm } from './set-work.js';

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** R-WORK-1..4: a class's work: what is set and how it is going, setting more, paper packs. */
export function ClassWorkPage({ me, classId }: { me: Me; classId: string }) {
  const qc = useQueryClient();
  const key = ['work', 'class', classId];
  const q = useQuery({ queryKey: key, queryFn: () => api<ClassWork>('GET', `/api/work/classes/${classId}`) });
  const today = schoolDate(me.now);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return (
    <Loaded q={q} what="the class’s work">
      {(w) => (
        <Page title={`${w.class.name}: work`}>
          <p className="breadcrumbs">
            <Link href="/">Work</Link> › {w.class.name}
          </p>
          <p className="lead">
            {w.class.subject} at {w.class.siteName}
          </p>
          <WorkSet work={w} today={today} />
          {w.canSet ? <SetWorkForm work={w} today={today} onSet={refresh} /> : null}
          <section aria-labelledby="pack-title" className="panel">
            <h2 id="pack-title">Paper pack for this week</h2>
            <p>Every piece of work due in the week, with instructions, space to answer and a return slip, ready to print: for learners without a device, or before a learner leaves to isolate.</p>
            <PaperPack id="class-pack" today={today} targets={packTargets(w)} />
          </section>
          <PaperLearners work={w} onChanged={refresh} />
        </Page>
      )}
    </Loaded>
  );
}

function packTargets(w: ClassWork): PackTarget[] {
  const klass: PackTarget = {
    key: 'class',
    label: `Everyone in ${w.class.name}`,
    url: (week) => `/api/work/classes/${w.class.id}/pack?week=${week}`,
    fileName: (week) => `paper-pack-${fileSafe(w.class.name)}-${week}.pdf`,
  };
  // Learners who work on paper first: they are the usual reason for a pack of one.
  const learners = [...w.learners].sort((a, b) => Number(b.paper) - Number(a.paper));
  return [
    klass,
    ...learners.map((l) => ({
      key: l.id,
      label: `${l.displayName}${l.paper ? ' (works on paper)' : ''}`,
      url: (week: string) => `/api/work/learners/${l.id}/pack?week=${week}`,
      fileName: (week: string) => `paper-pack-${fileSafe(l.displayName)}-${week}.pdf`,
    })),
  ];
}

function WorkSet({ work, today }: { work: ClassWork; today: string }) {
  return (
    <section aria-labelledby="work-set-title">
      <h2 id="work-set-title">Work set</h2>
      {work.assignments.length === 0 ? (
        <p>No work is set for this class yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="work-set-caption">
          <table>
            <caption id="work-set-caption" className="visually-hidden">
              Work set for {work.class.name}, with how many have handed it in
            </caption>
            <thead>
              <tr>
                <th scope="col">Work</th>
                <th scope="col">Due</th>
                <th scope="col">Handed in</th>
                <th scope="col">Waiting for feedback</th>
                <th scope="col">Set</th>
              </tr>
            </thead>
            <tbody>
              {work.assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link href={`/assignments/${a.id}`}>{a.title}</Link>
                    <span className="hint">
                      {' '}
                      {a.subject}
                      {a.learnerCount !== null ? ` · for ${a.learnerCount} chosen ${a.learnerCount === 1 ? 'learner' : 'learners'}` : ''}
                    </span>
                  </th>
                  <td>{whenText(a.dueAt, today)}</td>
                  <td>
                    {a.handedIn} of {a.learners}
                  </td>
                  <td>{a.awaitingFeedback}</td>
                  <td>
                    for {dayText(a.forDate)} by {a.setBy.displayName}
                    {a.cover ? ' (cover)' : ''}
                    {a.setLate ? (
                      <>
                        {' '}
                        <Tag tone="alert">Set late</Tag> <span className="hint">{a.minutesLate} minutes late</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** R-WORK-4: who in the class works on paper (no device at home), so their packs are ready. */
function PaperLearners({ work, onChanged }: { work: ClassWork; onChanged: () => Promise<unknown> }) {
  const [said, setSaid] = useState<string | null>(null);
  const flag = useMutation({
    mutationFn: (v: { learnerId: string; name: string; paper: boolean }) => api<void>('PUT', `/api/work/learners/${v.learnerId}/paper`, { paper: v.paper }),
    onSuccess: async (_r, v) => {
      setSaid(v.paper ? `${v.name} works on paper.` : `${v.name} no longer works on paper.`);
      await onChanged();
    },
  });
  if (work.learners.length === 0) return null;
  return (
    <section aria-labelledby="paper-learners-title">
      <h2 id="paper-learners-title">Who works on paper</h2>
      <p>Tick learners without a device at home. Their paper packs come first in the list above.</p>
      {flag.isError ? (
        <p className="error-message" role="alert">
          {flag.error.message}
        </p>
      ) : said ? (
        <Done>{said}</Done>
      ) : null}
      <ul className="plain checkboxes" aria-labelledby="paper-learners-title">
        {work.learners.map((l) => (
          <li key={l.id}>
            <label className="checkbox">
              <input type="checkbox" checked={l.paper} disabled={flag.isPending} onChange={(e) => flag.mutate({ learnerId: l.id, name: l.displayName, paper: e.target.checked })} /> {l.displayName}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
