import { useState, type FormEvent } from 'react';
import type { Me } from '../../shared/identity.js';
import { ROLE_LABELS, passwordProblems } from '../../shared/roles.js';
import { api, ApiError } from '../api.js';
import { Page } from '../shell/layout.js';
import { ErrorSummary, Field, type FieldError } from '../ui/forms.js';

export function Profile({ me, onSignedOutEverywhere }: { me: Me; onSignedOutEverywhere: () => void }) {
  return (
    <Page title="Your account">
      <dl className="summary-list">
        <div>
          <dt>Name</dt>
          <dd>{me.user.displayName}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{me.user.email ?? 'None recorded'}</dd>
        </div>
        <div>
          <dt>Organisation</dt>
          <dd>{me.organisation.name}</dd>
        </div>
        <div>
          <dt>Roles</dt>
          <dd>
            <ul className="plain">
              {me.roles.map((r) => (
                <li key={r.role + (r.siteId ?? '')}>
                  {ROLE_LABELS[r.role]}
                  {r.siteName ? ` at ${r.siteName}` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <ChangePassword />
      <section aria-labelledby="everywhere-title" className="panel">
        <h2 id="everywhere-title">Sign out everywhere</h2>
        <p>If you signed in on a shared or lost device, sign out on every device at once, including this one.</p>
        <button
          type="button"
          className="button secondary"
          onClick={async () => {
            await api('POST', '/api/auth/logout-everywhere');
            onSignedOutEverywhere();
          }}
        >
          Sign out on every device
        </button>
      </section>
    </Page>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState(false);
  const problems = passwordProblems(next);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const found: FieldError[] = [];
    if (!current) found.push({ field: 'current-password', message: 'Enter your current password' });
    if (problems.length) found.push({ field: 'new-password', message: `Your new password needs ${problems.join(', ')}` });
    setErrors(found);
    if (found.length) return;
    try {
      await api('POST', '/api/me/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (err) {
      const field = err instanceof ApiError && err.code === 'identity.password.wrong_current' ? 'current-password' : 'new-password';
      setErrors([{ field, message: err instanceof Error ? err.message : 'Something went wrong.' }]);
    }
  }

  return (
    <section aria-labelledby="password-title" className="panel">
      <h2 id="password-title">Change your password</h2>
      <ErrorSummary title="There is a problem" errors={errors} />
      {done ? (
        <p className="notice" role="status">
          Your password has been changed. You have been signed out on your other devices.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate className="narrow">
        <Field
          id="current-password"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors.find((x) => x.field === 'current-password')?.message}
        />
        <Field
          id="new-password"
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errors.find((x) => x.field === 'new-password')?.message}
          hint={
            <>
              At least 8 characters, with upper and lower case letters, a digit and a special character.
              <span aria-live="polite" className="rule-status">
                {next ? (problems.length ? ` Still needs: ${problems.join(', ')}.` : ' This password meets the rule.') : ''}
              </span>
            </>
          }
        />
        <button type="submit" className="button">
          Change password
        </button>
      </form>
    </section>
  );
}
