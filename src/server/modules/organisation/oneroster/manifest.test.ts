import { describe, expect, it } from 'vitest';
import { parseManifest, type ManifestRow } from './manifest.js';

function rows(pairs: [string, string][]): ManifestRow[] {
  return pairs.map(([propertyName, value], i) => ({ line: i + 2, propertyName, value }));
}

const GOOD: [string, string][] = [
  ['manifest.version', '1.0'],
  ['oneroster.version', '1.2'],
  ['file.orgs', 'bulk'],
  ['file.users', 'delta'],
  ['file.demographics', 'absent'],
  ['source.systemName', 'Arbor'],
];

describe('parseManifest', () => {
  it('R-ORG-3 takes each file as absent, bulk or delta, and a file it does not mention as absent', () => {
    const { manifest, problems } = parseManifest(rows(GOOD));

    expect(problems).toEqual([]);
    expect(manifest?.files.orgs).toBe('bulk');
    expect(manifest?.files.users).toBe('delta');
    expect(manifest?.files.demographics).toBe('absent');
    expect(manifest?.files.enrollments).toBe('absent');
    expect(manifest?.source).toEqual({ systemName: 'Arbor', systemCode: null });
  });

  it('R-ORG-3 accepts "Bulk" written with a capital, as some MIS exports do', () => {
    const { manifest } = parseManifest(rows([...GOOD, ['file.classes', 'Bulk']]));

    expect(manifest?.files.classes).toBe('bulk');
  });

  it.each([
    {
      name: 'a mode other than absent, bulk or delta',
      pairs: [...GOOD, ['file.classes', 'full']] as [string, string][],
      expected: { line: 8, field: 'file.classes', message: 'manifest.csv line 8: file.classes "full" is not absent, bulk or delta.' },
    },
    {
      name: 'a misspelt file',
      pairs: [...GOOD, ['file.user', 'bulk']] as [string, string][],
      expected: { line: 8, field: 'file.user', message: 'manifest.csv line 8: file.user is not a OneRoster 1.2 file; check the spelling (for example file.users).' },
    },
    {
      name: 'a property given twice',
      pairs: [...GOOD, ['file.orgs', 'delta']] as [string, string][],
      expected: { line: 8, field: 'file.orgs', message: 'manifest.csv line 8: file.orgs is given again (first on line 4); give each property once.' },
    },
    {
      name: 'no oneroster.version',
      pairs: GOOD.filter(([p]) => p !== 'oneroster.version'),
      expected: { line: null, field: 'oneroster.version', message: 'manifest.csv: oneroster.version is missing; Continuum reads OneRoster 1.2.' },
    },
    {
      name: 'manifest.version 2.0',
      pairs: GOOD.map(([p, v]): [string, string] => (p === 'manifest.version' ? [p, '2.0'] : [p, v])),
      expected: { line: 2, field: 'manifest.version', message: 'manifest.csv line 2: manifest.version "2.0" is not 1.0.' },
    },
    {
      name: 'every roster file absent',
      pairs: GOOD.filter(([p]) => !p.startsWith('file.')),
      expected: { line: null, field: null, message: 'manifest.csv: every roster file is absent, so there is nothing to import.' },
    },
  ])('R-ORG-3 refuses a manifest with $name', ({ pairs, expected }) => {
    const { manifest, problems } = parseManifest(rows(pairs));

    expect(manifest).toBeNull();
    expect(problems).toEqual([{ file: 'manifest.csv', code: 'organisation.roster.bad_manifest', ...expected }]);
  });
});
