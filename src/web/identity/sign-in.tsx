import { useState, type FormEvent } from 'react';
import type { Me } from '../../shared/identity.js';
import { api, ApiError } from '../api.js';
import { Page } from '../shell/layout.js';
import { ErrorSummary, Field, type FieldError } from '../ui/forms.js';
import { useSetMe } from './me.js';

export function SignIn() {
  const setMe = useSetMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: FieldError[] = [];
    if (!email.trim()) missing.push({ field: 'email', message: 'Enter your email address' });
    if (!password) missing.push({ field: 'password', message: 'Enter your password' });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      setMe(await api<Me>('POST', '/api/auth/login', { email, password }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'request.invalid') {
        setErrors([{ field: 'email', message: 'Enter an email address like name@school.org.uk' }]);
      } else {
        setErrors([{ field: 'password', message: err instanceof Error ? err.message : 'Something went wrong.' }]);
      }
    } finally {
      setBusy(false);
    }
  }
  const errorFor = (f: string) => errors.find((e) => e.field === f)?.message;

  return (
    <Page title="Sign in">
      <p>Sign in with the email address and password your school, college or training provider gave you.</p>
      <ErrorSummary title="There is a problem" errors={errors} />
      <form onSubmit={submit} noValidate className="narrow">
        <Field
          id="email"
          label="Email address"
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errorFor('email')}
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errorFor('password')}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="hint">Forgotten your password? Ask your school or college office to reset it.</p>
    </Page>
  );
}
