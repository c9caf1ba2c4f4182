import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EditorItem, EditorSection, PolicyView, VersionSummary } from '../../shared/policy-contract.js';
import { api, ApiError } from '../api.js';
import { ErrorSummary, Field, type FieldError } from '../ui/forms.js';
import { Control } from './controls.js';
import { idOf, startsWith, valueAt, withValueAt } from './format.js';

type Path = (string | number)[];
interface Problem {
  path: Path;
  message: string;
}

/** The server's located problems, with paths into the document (the request's 'document' and 'body' parts dropped). */
function problemsOf(err: unknown): Problem[] {
  if (err instanceof ApiError && err.details.length) {
    return err.details.map((d) => {
      const path = d.path[0] === 'body' ? d.path.slice(1) : d.path;
      return { path: path[0] === 'document' ? path.slice(1) : path, message: d.message ?? err.message };
    });
  }
  return [{ path: ['form'], message: err instanceof Error ? err.message : 'Something went wrong.' }];
}

const controlId = (item: EditorItem) => idOf([...item.path, 'value']);

type Cited = { value: unknown; source?: unknown };

/** A list of cited values edited as a set of choices: kept items keep their source, new ones go without (the server stamps them). */
function chooseFromList(current: unknown, chosen: unknown): Cited[] {
  const items = Array.isArray(current) ? (current as Cited[]) : [];
  const values = Array.isArray(chosen) ? (chosen as unknown[]) : [];
  return [...items.filter((i) => values.includes(i.value)), ...values.filter((v) => !items.some((i) => i.value === v)).map((value) => ({ value }))];
}

/**
 * R-POL-1: one section of the policy as a form. Saving makes a new version of the whole policy
 * with a required why; the server stamps each changed value with who, when and why, or refuses
 * the lot with each problem at its value, which this form shows beside the value and in a summary.
 */
export function SectionEditor({ view, section, onSaved, onCancel }: { view: PolicyView; section: EditorSection; onSaved: (v: VersionSummary) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<unknown>(() => structuredClone(view.document));
  const [why, setWhy] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => api<VersionSummary>('POST', '/api/policy/versions', { basedOn: view.version.version, document: draft, why }),
    onSuccess: async (v) => {
      await client.invalidateQueries({ queryKey: ['policy'] });
      onSaved(v);
    },
    onError: (err) => setProblems(problemsOf(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!why.trim()) {
      setProblems([{ path: ['why'], message: 'Say why you are making this change: it is kept with the new version.' }]);
      return;
    }
    save.mutate();
  }

  const itemOf = (p: Problem) => section.items.find((i) => startsWith(p.path, i.path));
  const summary: FieldError[] = problems.map((p) => {
    const item = itemOf(p);
    const field = item ? controlId(item) : p.path[0] === 'why' ? 'policy-why' : 'policy-edit-form';
    return { field, message: item ? `${item.label}: ${p.message}` : p.message };
  });
  const whyError = problems.find((p) => p.path[0] === 'why')?.message;

  return (
    <form id="policy-edit-form" onSubmit={submit} noValidate aria-label={`Edit: ${section.title}`} className="panel">
      <ErrorSummary title="The policy was not saved" errors={summary} />
      {section.items.map((item) => {
        const mine = problems.filter((p) => itemOf(p) === item);
        const errorId = `${controlId(item)}-error`;
        const valuePath: Path = item.list ? item.path : [...item.path, 'value'];
        const value = valueAt(draft, valuePath);
        return (
          <div key={item.path.join('.')} className={mine.length ? 'policy-item field-error' : 'policy-item'}>
            {mine.length ? (
              <div id={errorId}>
                {mine.map((p) => (
                  <p key={p.path.join('.') + p.message} className="error-message">
                    <span className="visually-hidden">Error: </span>
                    {p.message}
                  </p>
                ))}
              </div>
            ) : null}
            <Control
              control={item.control}
              value={item.list ? (Array.isArray(value) ? (value as Cited[]).map((c) => c.value) : []) : value}
              onChange={(v) => setDraft((d: unknown) => withValueAt(d, valuePath, item.list ? chooseFromList(valueAt(d, valuePath), v) : v))}
              id={controlId(item)}
              label={item.label}
              describedBy={mine.length ? errorId : undefined}
              invalid={mine.length > 0}
            />
          </div>
        );
      })}
      <Field id="policy-why" label="Why are you making this change?" hint="Kept with the new version, beside each value you change, so anyone reading the policy can see why it changed."
        value={why} onChange={(e) => setWhy(e.target.value)} error={whyError} />
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Save as a new version
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
