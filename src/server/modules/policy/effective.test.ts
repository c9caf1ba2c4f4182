import { describe, expect, it } from 'vitest';
import { effectivePolicy } from './effective.js';
import { presetById } from './presets/presets.js';

const orgDoc = () => structuredClone(presetById('special-school-case-by-case').document);
const local = { kind: 'local', by: 'site-lead', at: '2026-01-05T09:00:00Z', why: 'This site’s buses arrive at 09:00.' } as const;

describe('effectivePolicy', () => {
  it('R-POL-1 is the organisation’s policy when the site overrides nothing', () => {
    const result = effectivePolicy(orgDoc());
    expect(result).toEqual({ ok: true, doc: orgDoc(), overridden: [] });
  });

  it('R-POL-1 lays a site’s cited values over the organisation’s, and leaves the rest', () => {
    const doc = orgDoc();
    const result = effectivePolicy(doc, {
      sections: {
        calendar: { schoolDay: { value: { start: '09:00', end: '15:00' }, source: local } },
        staffHours: { teachers: { value: { kind: 'fixed', start: '09:00', end: '15:00' }, source: local } },
      },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.doc.sections.calendar.schoolDay).toEqual({ value: { start: '09:00', end: '15:00' }, source: local });
    expect(result.doc.sections.staffHours.teachers.value).toEqual({ kind: 'fixed', start: '09:00', end: '15:00' });
    expect(result.doc.sections.staffHours.teachingAssistants).toEqual(doc.sections.staffHours.teachingAssistants);
    expect(result.overridden).toEqual([
      ['sections', 'calendar', 'schoolDay'],
      ['sections', 'staffHours', 'teachers'],
    ]);
    expect(doc).toEqual(orgDoc());
  });

  it('R-POL-1 refuses an override whose school day ends before it starts, at the end time', () => {
    const result = effectivePolicy(orgDoc(), { sections: { calendar: { schoolDay: { value: { start: '15:00', end: '09:00' }, source: local } } } });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: ['sections', 'calendar', 'schoolDay', 'value', 'end'], code: 'policy.invalid', message: 'The school day ends at 09:00, which is not after it starts (15:00).' }],
    });
  });

  it('R-POL-1 refuses an overriding value with no source', () => {
    const result = effectivePolicy(orgDoc(), { sections: { calendar: { schoolDay: { value: { start: '09:00', end: '15:00' } } } } });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: ['sections', 'calendar', 'schoolDay', 'source'],
        code: 'policy.invalid',
        message: 'Calendar — school day has no source: cite the seed line it comes from, or say why the platform default applies.',
      },
    ]);
  });

  it('R-POL-1 refuses a local decision that does not say why', () => {
    const result = effectivePolicy(orgDoc(), { sections: { calendar: { bubbles: { value: false, source: { ...local, why: '' } } } } });
    expect(result.ok ? [] : result.problems.map((p) => [p.path.join('.'), p.message])).toEqual([['sections.calendar.bubbles.source.why', 'Calendar — bubbles: Say why this was decided.']]);
  });

  it('R-POL-1 refuses fields and sections the policy does not know', () => {
    const result = effectivePolicy(orgDoc(), { sections: { calendar: { lunch: { value: '12:00', source: local } }, canteen: {} } });
    expect(result.ok ? [] : result.problems.map((p) => p.path.join('.'))).toEqual(['sections.calendar', 'sections']);
  });

  it('R-POL-1 finds where an override contradicts the rest of the policy', () => {
    const result = effectivePolicy(structuredClone(presetById('blended-school-bubbles').document), {
      sections: { calendar: { bubbles: { value: false, source: local } } },
    });
    expect(result.ok ? [] : result.problems.map((p) => p.path.join('.'))).toEqual(['sections.calendar.remoteLearningWhen.1.value', 'review.cycles.1.when.value']);
  });

  it('R-POL-1 refuses to build on an organisation policy that is itself invalid', () => {
    const doc = orgDoc();
    doc.sections.staffHours.teachers.value = { kind: 'fixed', start: '15:15', end: '09:15' };
    expect(effectivePolicy(doc).ok).toBe(false);
  });
});
