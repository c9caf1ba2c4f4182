import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { AdminClassList, BubbleList } from '../../shared/organisation.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { ErrorSummary, Field, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';

type Bubble = BubbleList['bubbles'][number];

/** R-ORG-1 (seed 002): bubbles, the groups of classes kept together that isolate together. */
export function Bubbles({ siteId }: { siteId: string }) {
  const q = useQuery({ queryKey: ['admin', 'bubbles', siteId], queryFn: () => api<BubbleList>('GET', `/api/organisation/bubbles?siteId=${siteId}`) });
  const classes = useQuery({ queryKey: ['admin', 'classes', { siteId, q: '', includeEnded: false }], queryFn: () => api<AdminClassList>('GET', `/api/organisation/classes?siteId=${siteId}`) });
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Page title="Bubbles">
      <p>
        <Link href="/">Organisation</Link> › Bubbles
      </p>
      <p className="lead">A bubble keeps classes together; when one isolates, its learners’ remote learning starts together.</p>
      {q.isPending ? <p role="status">Loading bubbles…</p> : null}
      {q.isError ? <p className="error-message">{q.error.message}</p> : null}
      {q.data?.bubbles.length === 0 ? <p>This site has no bubbles.</p> : null}
      <ul className="plain">
        {q.data?.bubbles.map((b) => (
          <li key={b.id} className="picker-row">
            <span>
              <strong>{b.name}</strong>
              <br />
              {b.classes.length ? b.classes.map((c) => c.name).join(', ') : 'No classes yet'}
            </span>
            <button type="button" className="link-button" aria-expanded={editing === b.id} onClick={() => setEditing(editing === b.id ? null : b.id)}>
              Choose classes<span className="visually-hidden"> of {b.name}</span>
            </button>
            {editing === b.id && classes.data ? <BubbleClasses bubble={b} siteId={siteId} all={classes.data} done={() => setEditing(null)} /> : null}
          </li>
        ))}
      </ul>
      <NewBubble siteId={siteId} />
    </Page>
  );
}

function BubbleClasses({ bubble, siteId, all, done }: { bubble: Bubble; siteId: string; all: AdminClassList; done: () => void }) {
  const client = useQueryClient();
  const [chosen, setChosen] = useState(new Set(bubble.classes.map((c) => c.id)));
  const save = useMutation({
    mutationFn: () => api('PUT', `/api/organisation/bubbles/${bubble.id}/classes`, { classIds: [...chosen] }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'bubbles', siteId] });
      done();
    },
  });
  return (
    <form
      className="panel pattern-form"
      aria-label={`Classes in ${bubble.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset>
        <legend>Classes in {bubble.name}</legend>
        <div className="checkboxes">
          {all.classes.map((c) => (
            <label key={c.id} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(c.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(c.id);
                  else next.delete(c.id);
                  setChosen(next);
                }}
              />{' '}
              {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      {save.isError ? <p className="error-message">{save.error.message}</p> : null}
      <button type="submit" className="button" disabled={save.isPending}>
        Save the classes
      </button>
    </form>
  );
}

function NewBubble({ siteId }: { siteId: string }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const add = useMutation({
    mutationFn: () => api('POST', '/api/organisation/bubbles', { siteId, name }),
    onSuccess: async () => {
      setName('');
      setErrors([]);
      await client.invalidateQueries({ queryKey: ['admin', 'bubbles', siteId] });
    },
    onError: (err) => setErrors(fieldErrorsOf(err, () => 'bubble-name', 'bubble-name')),
  });
  return (
    <form
      className="panel"
      aria-label="Add a bubble"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h2>Add a bubble</h2>
      <ErrorSummary title="The bubble could not be added" errors={errors} />
      <Field id="bubble-name" label="Name" hint="For example, Year 10 bubble" value={name} error={errorFor(errors, 'bubble-name')} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="button" disabled={add.isPending}>
        Add the bubble
      </button>
    </form>
  );
}
