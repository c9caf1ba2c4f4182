import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { LearnerLinks } from '../../shared/identity.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { PersonPicker } from './class-admin.js';

/** R-ORG-1: a learner's parents and carers, and an apprentice's employers: who may see their record. */
export function LearnerLinksPage({ learnerId }: { learnerId: string }) {
  const client = useQueryClient();
  const key = ['admin', 'links', learnerId];
  const q = useQuery({ queryKey: key, queryFn: () => api<LearnerLinks>('GET', `/api/learners/${learnerId}/links`) });
  const save = useMutation({
    mutationFn: (v: { kind: 'guardians' | 'employers'; ids: string[] }) =>
      api<LearnerLinks>('PUT', `/api/learners/${learnerId}/${v.kind}`, v.kind === 'guardians' ? { guardianIds: v.ids } : { employerIds: v.ids }),
    onSuccess: (data) => client.setQueryData(key, data),
  });
  if (q.isPending) return <p role="status">Loading…</p>;
  if (q.isError) return <p className="error-message">{q.error.message}</p>;
  const links = q.data;
  const section = (kind: 'guardians' | 'employers', title: string, people: { id: string; displayName: string }[], empty: string) => (
    <section aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{title}</h2>
      {people.length === 0 ? <p>{empty}</p> : null}
      <ul className="plain">
        {people.map((p) => (
          <li key={p.id} className="picker-row">
            <span>{p.displayName}</span>
            <button type="button" className="link-button" onClick={() => save.mutate({ kind, ids: people.filter((x) => x.id !== p.id).map((x) => x.id) })}>
              Unlink<span className="visually-hidden"> {p.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      <PersonPicker
        id={`${kind}-search`}
        label={kind === 'guardians' ? 'Find a parent or carer' : 'Find an employer'}
        kind={kind === 'guardians' ? 'guardian' : 'employer'}
        exclude={people.map((p) => p.id)}
        actions={[{ label: 'Link', run: (id) => save.mutate({ kind, ids: [...people.map((x) => x.id), id] }) }]}
      />
    </section>
  );
  return (
    <Page title={links.learner.displayName}>
      <p>
        <Link href="/">Organisation</Link> › <Link href="/classes">Classes</Link> › {links.learner.displayName}
      </p>
      <p className="lead">Parents, carers and employers linked here see this learner’s timetable, work and progress, and nothing of anyone else.</p>
      {save.isError ? (
        <p className="error-message" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {section('guardians', 'Parents and carers', links.guardians, 'No parent or carer is linked.')}
      {section('employers', 'Employers', links.employers, 'No employer is linked (only apprentices have one).')}
    </Page>
  );
}
