import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VersionSummary } from '../../shared/policy-contract.js';
import { signIn, startTestApp, type TestApp } from '../testing/app.js';
import { DEMO_PASSWORD } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T08:00:00Z', demo: true });
});
afterAll(() => t.close());

describe('the demo organisations’ policies (R-POL-1)', () => {
  it('R-POL-1 Oakfield runs the blended-school-with-bubbles preset, adopted on 1 September and edited once with a why', async () => {
    const s = await signIn(t, 'senior@oakfield.example', DEMO_PASSWORD);
    const versions: VersionSummary[] = (await t.app.inject({ method: 'GET', url: '/api/policy/versions', headers: s.headers })).json().versions;
    expect(versions.map((v) => [v.version, v.kind, v.createdAt])).toEqual([
      [2, 'edited', '2026-09-22T15:30:00.000Z'],
      [1, 'adopted', '2026-09-01T07:00:00.000Z'],
    ]);
    expect(versions[0]!.why).toContain('until 4pm');
    const compare = (await t.app.inject({ method: 'GET', url: '/api/policy/compare?from=1&to=2', headers: s.headers })).json();
    expect(compare.changes.map((c: { beforeText: string; afterText: string }) => [c.beforeText, c.afterText])).toEqual([['15:30', '16:00']]);
    const { rows } = await t.db.systemPool.query(`select action from audit_events where organisation_id = $1 and action like 'policy.%' order by at`, [t.demo!.school.id]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['policy.adopted', 'policy.edited']);
  });

  it('R-POL-1 Northgate runs the blended training provider preset, its Bradford centre keeping its own day', async () => {
    const s = await signIn(t, 'manager@northgate.example', DEMO_PASSWORD);
    const view = (await t.app.inject({ method: 'GET', url: '/api/policy', headers: s.headers })).json();
    expect(view).toMatchObject({ preset: { id: 'blended-training-provider' }, version: { version: 2, kind: 'site_override', site: { name: 'Northgate Bradford Centre' } } });
    const bradford = (await t.app.inject({ method: 'GET', url: `/api/policy/sites/${t.demo!.provider.siteIds[1]}`, headers: s.headers })).json();
    expect(bradford.overridden).toEqual([['sections', 'calendar', 'schoolDay']]);
  });
});
