import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PresetList } from '../../shared/policy-contract.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { ErrorSummary, Field, fieldErrorsOf, type FieldError } from '../ui/forms.js';

/** R-POL-1: before any policy is adopted: senior leaders choose the preset closest to their policy. */
export function Adopt({ canEdit }: { canEdit: boolean }) {
  const presets = useQuery({ queryKey: ['policy', 'presets'], queryFn: () => api<PresetList>('GET', '/api/policy/presets'), enabled: canEdit });
  const [preset, setPreset] = useState('');
  const [why, setWhy] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const client = useQueryClient();
  const adopt = useMutation({
    mutationFn: () => api('POST', '/api/policy/adoption', { preset, why }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['policy'] }),
    onError: (err) => setErrors(fieldErrorsOf(err, (p) => (p[0] === 'why' ? 'adopt-why' : 'adopt-preset'), 'adopt-preset')),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!preset) found.push({ field: 'adopt-preset', message: 'Choose the preset closest to your policy.' });
    if (!why.trim()) found.push({ field: 'adopt-why', message: 'Say why you are adopting it, for the version history.' });
    setErrors(found);
    if (!found.length) adopt.mutate();
  }
  if (!canEdit) {
    return (
      <Page title="The remote learning policy">
        <p>Your organisation has not set up its remote-learning policy in Continuum yet. Your senior leaders will do this.</p>
      </Page>
    );
  }
  const presetError = errors.find((e) => e.field === 'adopt-preset')?.message;
  const whyError = errors.find((e) => e.field === 'adopt-why')?.message;
  return (
    <Page title="Choose your remote learning policy">
      <p className="lead">Start from the preset closest to your policy. Every value says which line of the original policy it comes from; you can change any of them afterwards.</p>
      <ErrorSummary title="The policy was not adopted" errors={errors} />
      {presets.isPending ? <p role="status">Loading the presets…</p> : null}
      <form onSubmit={submit} noValidate aria-label="Adopt a policy">
        <fieldset id="adopt-preset" className={presetError ? 'field field-error' : 'field'} aria-describedby={presetError ? 'adopt-preset-error' : undefined}>
          <legend>Preset</legend>
          {presetError ? (
            <p className="error-message" id="adopt-preset-error">
              {presetError}
            </p>
          ) : null}
          {presets.data?.presets.map((p) => (
            <div key={p.id} className="preset-choice">
              <label className="checkbox">
                <input type="radio" name="preset" value={p.id} checked={preset === p.id} onChange={() => setPreset(p.id)} aria-describedby={`preset-${p.id}`} /> <strong>{p.title}</strong>
              </label>
              <p className="hint" id={`preset-${p.id}`}>
                {p.summary}
              </p>
            </div>
          ))}
        </fieldset>
        <Field id="adopt-why" label="Why this policy?" value={why} onChange={(e) => setWhy(e.target.value)} error={whyError} />
        <button type="submit" className="button" disabled={adopt.isPending}>
          Adopt this policy
        </button>
      </form>
    </Page>
  );
}
