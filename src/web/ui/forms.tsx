import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError } from '../api.js';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The GOV.UK pattern: a summary at the top, focused when it appears, linking to each field,
 * so keyboard and screen-reader users hear what went wrong and can jump to it.
 */
export function ErrorSummary({ title, errors }: { title: string; errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.message}>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a control needs to be found by its label and to announce its hint and error. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** A labelled field around any control (input, textarea, select, file input): hint and error above it, both read out with it. */
export function Control({ id, label, hint, error, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: (a: ControlProps) => ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} error={error} />
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

export function Field({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint?: ReactNode; error?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Control id={id} label={label} hint={hint} error={error}>
      {(a) => <input name={id} {...a} {...input} />}
    </Control>
  );
}

/**
 * The server's located problems (error details) as field errors: each detail's path names the
 * field (through `fieldFor`); a failure without details is put on `fallback`.
 */
export function fieldErrorsOf(err: unknown, fieldFor: (path: (string | number)[]) => string = (p) => p.join('-'), fallback = 'form'): FieldError[] {
  if (err instanceof ApiError && err.details.length) {
    // Request validation names the part of the request first ('body'); services name the field.
    return err.details.map((d) => ({ field: fieldFor(d.path[0] === 'body' ? d.path.slice(1) : d.path), message: d.message ?? err.message }));
  }
  return [{ field: fallback, message: err instanceof Error ? err.message : 'Something went wrong.' }];
}

/** The message for one field, if any. */
export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** A field's problem in words, read out as an error; nothing when there is none. */
export function ErrorMessage({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">Error: </span>
      {error}
    </p>
  );
}

/** A checkbox with its label beside it, and an error above when it must be ticked. */
export function CheckboxField({ id, label, checked, onChange, error }: { id: string; label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; error?: string }) {
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <ErrorMessage id={`${id}-error`} error={error} />
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
