import { describe, expect, it } from 'vitest';
import { citationsIn } from './cited.js';
import { controlAt, editorFor, valueText } from './editor.js';
import { PRESETS, presetById } from './presets/presets.js';

describe('editorFor', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('R-POL-1 gives every value of %s a control that shows it in words', (_id, preset) => {
    const editor = editorFor(preset.document);
    for (const { path, cited } of citationsIn(preset.document)) {
      const control = controlAt(editor, path);
      expect(control, path.join('.')).not.toBeNull();
      const text = valueText(control!, cited.value);
      expect(text, path.join('.')).not.toMatch(/object Object|^\{|undefined/);
    }
  });

  it('R-POL-1 edits working days as a set of named weekdays and teachers’ hours as a choice with its own times', () => {
    const items = editorFor(presetById('further-education-lockdown').document).flatMap((s) => s.items);
    const item = (path: string) => items.find((i) => i.path.join('.') === path)!;
    expect(item('sections.calendar.workingDays').control).toMatchObject({ type: 'set', options: [{ value: 1, label: 'Monday' }, expect.anything(), expect.anything(), expect.anything(), expect.anything(), expect.anything(), { value: 7, label: 'Sunday' }] });
    expect(item('sections.staffHours.teachers').control).toMatchObject({
      type: 'variant',
      options: [{ value: 'fixed', fields: [{ key: 'start', control: { type: 'time' } }, { key: 'end', control: { type: 'time' } }] }, { value: 'school_day', fields: [] }, { value: 'contracted_hours', fields: [] }],
    });
    expect(item('sections.communication.learnerChannels')).toMatchObject({ list: true, control: { type: 'set', options: expect.arrayContaining([{ value: 'video', label: 'Video call' }]) } });
    expect(item('sections.organisation.ageRange').control).toMatchObject({ type: 'optional', noneLabel: 'The policy states no ages', control: { type: 'group' } });
  });

  it('R-POL-1 edits each review cycle, named by its id', () => {
    const review = editorFor(presetById('blended-school-bubbles').document).find((s) => s.key === 'review')!;
    expect(review.items.map((i) => i.label)).toContain('Review of this policy — review “leadership-fortnightly”: how often');
  });
});

describe('valueText', () => {
  const editor = editorFor(presetById('further-education-lockdown').document);
  it.each([
    [['sections', 'calendar', 'schoolDay'], { start: '08:45', end: '15:15' }, '08:45–15:15'],
    [['sections', 'calendar', 'workingDays'], [1, 2, 3], 'Monday, Tuesday, Wednesday'],
    [['sections', 'staffHours', 'teachers'], { kind: 'fixed', start: '09:15', end: '15:15' }, 'Fixed hours: from 09:15, until 15:15'],
    [['sections', 'communication', 'responseTime'], { kind: 'working_days', days: 2 }, 'Within a set number of working days: 2'],
    [['sections', 'communication', 'responseHours'], null, 'Within their working hours'],
    [['sections', 'calendar', 'bubbles'], false, 'No'],
  ])('shows %j = %j as “%s”', (path, value, text) => {
    expect(valueText(controlAt(editor, path)!, value)).toBe(text);
  });
});
