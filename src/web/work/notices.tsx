import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';

/** The GOV.UK warning text: an icon, and the words read out after "Warning". */
export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="warning-text">
      <span className="warning-text-icon" aria-hidden="true">
        !
      </span>
      <strong className="warning-text-text">
        <span className="visually-hidden">Warning: </span>
        {children}
      </strong>
    </div>
  );
}

/** A query's data, or what is happening instead: loading, or what went wrong in words. */
export function Loaded<T>({ q, what, children }: { q: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (q.isPending) return <p role="status">Loading {what}…</p>;
  if (q.isError) {
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  }
  return <>{children(q.data)}</>;
}

/** Text people typed, with its line breaks kept. */
export function Prose({ text, className }: { text: string; className?: string }) {
  return <div className={className ? `prose ${className}` : 'prose'}>{text}</div>;
}

/** A success message that is announced when it appears. */
export function Done({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

/** A short label beside an item: "Overdue", "New feedback". Words, never colour alone. */
export function Tag({ tone, children }: { tone?: 'alert' | 'ok' | 'info'; children: ReactNode }) {
  return <strong className={`tag${tone ? ` tag-${tone}` : ''}`}>{children}</strong>;
}
