import { describe, expect, it } from 'vitest';
import { labelOf, validatePolicy, type PolicyDocument } from './document.js';
import { presetById } from './presets/presets.js';

const preset = () => structuredClone(presetById('blended-school-bubbles').document);
const problemsOf = (input: unknown) => {
  const result = validatePolicy(input);
  return result.ok ? [] : result.problems;
};

describe('validatePolicy', () => {
  it('R-POL-1 accepts a complete, cited policy and returns it typed', () => {
    const result = validatePolicy(preset());
    expect(result.ok && result.doc.sections.staffHours.notExpectedAfter.value).toBe('15:30');
  });

  it('R-POL-1 refuses a value whose source was removed, and says where', () => {
    const doc = preset() as unknown as { sections: { staffHours: { teachers: { source?: unknown } } } };
    delete doc.sections.staffHours.teachers.source;
    expect(problemsOf(doc)).toEqual([
      {
        path: ['sections', 'staffHours', 'teachers', 'source'],
        code: 'policy.invalid',
        message: 'Staff hours — teachers\' hours has no source: cite the seed line it comes from, or say why the platform default applies.',
      },
    ]);
  });

  it('R-POL-1 refuses a bare value written without { value, source }', () => {
    const doc = preset() as unknown as { sections: { calendar: { timeZone: unknown } } };
    doc.sections.calendar.timeZone = 'Europe/London';
    const [problem, ...rest] = problemsOf(doc);
    expect(rest).toEqual([]);
    expect(problem?.path).toEqual(['sections', 'calendar', 'timeZone']);
    expect(problem?.message).toMatch(/^Calendar — time zone has no source/);
  });

  it('R-POL-1 refuses an uncited item in a list of values', () => {
    const doc = preset() as unknown as { sections: { communication: { familyChannels: unknown[] } } };
    doc.sections.communication.familyChannels.push('phone');
    const problems = problemsOf(doc);
    expect(problems.map((p) => p.path)).toEqual([['sections', 'communication', 'familyChannels', 3]]);
    expect(problems[0]?.message).toMatch(/has no source/);
  });

  it('R-POL-1 refuses a source of an unknown kind', () => {
    const doc = preset() as unknown as { sections: { calendar: { bubbles: { source: unknown } } } };
    doc.sections.calendar.bubbles.source = { kind: 'rumour', said: 'someone' };
    expect(problemsOf(doc).map((p) => [p.path.join('.'), p.message])).toEqual([
      ['sections.calendar.bubbles.source.kind', 'Calendar — bubbles has a source that is not a seed line, a platform default or a decision made here.'],
    ]);
  });

  it('R-ORG-2 refuses a school day that ends before it starts, at the end time', () => {
    const doc = preset();
    doc.sections.calendar.schoolDay.value = { start: '15:00', end: '09:00' };
    expect(problemsOf(doc)).toEqual([
      { path: ['sections', 'calendar', 'schoolDay', 'value', 'end'], code: 'policy.invalid', message: 'The school day ends at 09:00, which is not after it starts (15:00).' },
    ]);
  });

  it('R-POL-1 explains a badly written time in plain words', () => {
    const doc = preset();
    doc.sections.calendar.schoolDay.value.start = '9am';
    expect(problemsOf(doc).map((p) => p.message)).toEqual(['Calendar — school day: Use a time like 08:45']);
  });

  it('R-POL-1 names the allowed choices when a value is not one of them', () => {
    const doc = preset() as unknown as { sections: { organisation: { kind: { value: string } } } };
    doc.sections.organisation.kind.value = 'university';
    expect(problemsOf(doc).map((p) => p.message)).toEqual([
      'About the institution — kind of institution must be one of: school, special_school, further_education_college, training_provider.',
    ]);
  });

  it('R-POL-1 refuses sections and fields the policy does not know', () => {
    const doc = preset() as unknown as { sections: Record<string, unknown> };
    doc.sections.catering = {};
    expect(problemsOf(doc).map((p) => [p.path, p.message])).toEqual([[['sections'], 'The policy has “catering”, which the policy does not know.']]);
  });

  it('R-POL-1 reports a missing section as missing', () => {
    const doc = preset() as unknown as { sections: Partial<PolicyDocument['sections']> };
    delete doc.sections.communication;
    expect(problemsOf(doc)).toEqual([{ path: ['sections', 'communication'], code: 'policy.invalid', message: 'Communication is missing.' }]);
  });

  it('R-POL-2 refuses a review while a bubble isolates in a policy without bubbles', () => {
    const doc = preset();
    doc.sections.calendar.bubbles.value = false;
    doc.sections.calendar.remoteLearningWhen = doc.sections.calendar.remoteLearningWhen.filter((t) => t.value !== 'bubble_isolation');
    expect(problemsOf(doc)).toEqual([
      { path: ['review', 'cycles', 1, 'when', 'value'], code: 'policy.invalid', message: 'A review runs while a bubble is isolating, but this policy has no bubbles.' },
    ]);
  });

  it('R-POL-2 refuses a policy with only a bubble-time review, which might never fall due', () => {
    const doc = preset();
    doc.review.cycles = doc.review.cycles.filter((c) => c.when.value !== 'always');
    expect(problemsOf(doc).map((p) => [p.path, p.message])).toEqual([[['review', 'cycles'], 'The policy needs a standing review cycle, so a review always falls due.']]);
  });

  it('R-POL-1 refuses a document of another schema version', () => {
    expect(problemsOf({ ...preset(), schemaVersion: 2 }).map((p) => p.path)).toEqual([['schemaVersion']]);
  });

  it('R-POL-1 refuses something that is not a policy at all', () => {
    expect(problemsOf('policy').map((p) => p.message)).toEqual(['The policy: Invalid input: expected object, received string']);
  });
});

describe('labelOf', () => {
  it('R-POL-3 names a place in the document the way a person would', () => {
    const doc = preset();
    expect(labelOf(['sections', 'staffHours', 'notExpectedAfter'])).toBe('Staff hours — no messages expected after');
    expect(labelOf(['sections', 'communication', 'familyChannels', 2])).toBe('Communication — channels with families (item 3)');
    expect(labelOf(['review', 'cycles', 1, 'every'], doc)).toBe('Review of this policy — review “leadership-fortnightly”: how often');
  });
});
