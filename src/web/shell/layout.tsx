import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { Me } from '../../shared/identity.js';
import { navigationFor } from './navigation.js';

// The first page of a visit keeps the browser's own starting point (so Tab reaches the skip
// link first); every later page change moves focus to its heading so it is announced.
let firstPageShown = false;

/** Sets the document title and moves focus to the page heading, so a page change is announced. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Continuum`;
    if (firstPageShown) h1.current?.focus();
    firstPageShown = true;
  }, [title]);
  return (
    <>
      <h1 tabIndex={-1} ref={h1}>
        {title}
      </h1>
      {children}
    </>
  );
}

export function Layout({ me, onSignOut, children }: { me: Me | null; onSignOut: () => void; children: ReactNode }) {
  const [location] = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link href="/" className="brand">
            Continuum
          </Link>
          {me ? (
            <p className="who">
              <span>{me.user.displayName}</span>
              <span className="org">{me.organisation.name}</span>
            </p>
          ) : null}
        </div>
        {me ? (
          <nav aria-label="Main" className="container">
            <ul className="nav">
              {navigationFor(me).map((item) => (
                <li key={item.path}>
                  <Link href={item.path} aria-current={location === item.path ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
              <li>
                <button type="button" className="link-button" onClick={onSignOut}>
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer container">
        <p>Continuum – remote and blended learning with your school’s policy built in.</p>
      </footer>
    </>
  );
}
