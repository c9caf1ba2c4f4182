import type { ReactNode } from 'react';

/** A checkbox with its label beside it, and an error above when it must be ticked. */
export function CheckboxField({ id, label, checked, onChange, error }: { id: string; label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; error?: string }) {
  return (
    <div className={error ? 'field field-error' : 'field'}>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} />
        <span>{label}</span>
      </label>
    </div>
  );
}

/** An upload or download's progress, announced as it changes. */
export function Progress({ id, percent, label }: { id: string; percent: number | null; label: string }) {
  if (percent === null) return null;
  return (
    <div className="field" role="status">
      <label htmlFor={id}>
        {label}: {percent}%
      </label>
      <progress id={id} max={100} value={percent}>
        {percent}%
      </progress>
    </div>
  );
}
