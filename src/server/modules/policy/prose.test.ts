import { describe, expect, it } from 'vitest';
import { citationsIn } from './cited.js';
import { valueAt } from './document.js';
import { PRESETS, presetById } from './presets/presets.js';
import { renderPolicy, weekdaysText } from './prose.js';

const sentencesOf = (id: Parameters<typeof presetById>[0]) => renderPolicy(presetById(id).document).sections.flatMap((s) => s.sentences);

describe('renderPolicy', () => {
  describe.each(PRESETS.map((p) => [p.id, p] as const))('%s', (_id, preset) => {
    const prose = renderPolicy(preset.document);

    it('R-POL-1 reads as whole sentences, section by section, with nothing empty', () => {
      expect(prose.sections.map((s) => s.key)).toEqual(['organisation', 'calendar', 'staffHours', 'communication', 'work', 'live', 'review']);
      for (const section of prose.sections) {
        expect(section.title.trim()).not.toBe('');
        expect(section.sentences.length).toBeGreaterThan(0);
        for (const sentence of section.sentences) {
          expect(sentence.text).toMatch(/^[A-Z].*\S\.$/u);
          expect(sentence.text).not.toMatch(/undefined|null|NaN|\[object/u);
          expect(sentence.sourceLabel.trim()).not.toBe('');
        }
      }
    });

    it('R-POL-3 ties every sentence to the cited value it describes and that value’s source', () => {
      for (const sentence of prose.sections.flatMap((s) => s.sentences)) {
        const node = valueAt(preset.document, sentence.path) as { source?: unknown } | undefined;
        expect(node?.source, sentence.path.join('.')).toEqual(sentence.source);
      }
    });

    it('R-POL-3 says every cited value of the policy in some sentence', () => {
      const described = new Set(prose.sections.flatMap((s) => s.sentences.map((x) => x.path.join('.'))));
      const cited = citationsIn(preset.document).map((c) => c.path.join('.'));
      expect(cited.filter((path) => !described.has(path))).toEqual([]);
    });
  });

  it('R-COMMS-2 says a special school’s staff hours as a head teacher would sign them', () => {
    const teachers = sentencesOf('special-school-case-by-case').find((s) => s.path.join('.') === 'sections.staffHours.teachers');
    expect(teachers).toEqual({
      text: 'Teachers are available to learners and families between 09:15 and 15:15 on working days.',
      path: ['sections', 'staffHours', 'teachers'],
      source: { kind: 'seed', seed: '004', line: 74, quote: 'teachers must be available between 09:15 to 15:15' },
      sourceLabel: 'Seed 004, line 74: “teachers must be available between 09:15 to 15:15”',
    });
  });

  it('R-COMMS-2 says the blended school’s cut-off, reply time and part-time rule', () => {
    const texts = sentencesOf('blended-school-bubbles').map((s) => s.text);
    expect(texts).toContain('No one is expected to read or answer messages after 15:30.');
    expect(texts).toContain('Staff reply within 1 working day.');
    expect(texts).toContain('Part-time staff are only expected to communicate on the days they usually work.');
    expect(texts).toContain('Staff may phone from a personal device only with their own number withheld.');
  });

  it('R-POL-2 says who reviews the policy and how often', () => {
    const texts = sentencesOf('blended-school-bubbles').map((s) => s.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'This review takes place every year.',
        'Governors carry out this review.',
        'Governors approve the reviewed policy.',
        'While a bubble is self-isolating, the policy is also reviewed on a shorter cycle.',
        'This review takes place every 2 weeks.',
        'Senior leaders carry out this review.',
      ]),
    );
  });

  it('R-POL-3 says where a platform default applies and why', () => {
    const zone = sentencesOf('school-closure').find((s) => s.path.join('.') === 'sections.calendar.timeZone');
    expect(zone?.text).toBe('Times in this policy are Europe/London time.');
    expect(zone?.sourceLabel).toMatch(/^Platform default: the seed is silent; /u);
  });

  it('R-WORK-1 R-WORK-6 R-WORK-8 says the school’s set-by time, feedback deadline and referral', () => {
    const texts = sentencesOf('school-closure').map((s) => s.text);
    expect(texts).toContain("Teachers set each day's work by 09:30; work published later is flagged as late.");
    expect(texts).toContain('Feedback on work is given by the end of the school day the work came in (the next working day for work that comes in after school).');
    expect(texts).toContain('A learner who misses 3 deadlines within 14 days is referred.');
    expect(texts).toContain('Missed work is referred to senior leaders.');
  });

  it('R-WORK-3 R-WORK-7 says the screen-free minimum and the own-work rules where the seeds ask for them', () => {
    expect(sentencesOf('blended-school-bubbles').map((s) => s.text)).toContain("At least 25% of each learner's week of work is away from a screen.");
    const provider = sentencesOf('blended-training-provider').map((s) => s.text);
    expect(provider).toContain('Learners confirm that work they hand in is their own.');
    expect(provider).toContain('Teachers are shown written answers to the same work that are at least 60% alike.');
    expect(provider).toContain('Learners hand in their own work; parents and carers cannot do it for them.');
  });

  it('R-LIVE-4 R-LIVE-5 R-LIVE-7 says the school’s lessons wait in a lobby, start muted, share no screens and are never recorded', () => {
    const texts = sentencesOf('school-closure').map((s) => s.text);
    expect(texts).toContain('Learners wait in a lobby until the host admits them.');
    expect(texts).toContain('Learners’ microphones are off as they join, and only the host can allow them.');
    expect(texts).toContain('Learners can never share their screen.');
    expect(texts).toContain('Live lessons are never recorded.');
    expect(texts).toContain('If sessions are ever recorded, senior leaders may watch the recordings.');
  });

  it('R-LIVE-6 R-LIVE-7 R-LIVE-10 says the provider records for 21 days, the complaint window and the 1-1 rules', () => {
    const sentences = sentencesOf('further-education-lockdown');
    const texts = sentences.map((s) => s.text);
    expect(texts).toContain('Live lessons are always recorded, from when learners are admitted until the end, and each recording is kept for 21 days after it ends, then deleted.');
    expect(texts).toContain('Learners may complain or raise a concern about a session within 20 days of it.');
    expect(texts).toContain('Staff hold 1-1 sessions from their home centre, and from home or another centre only with a senior manager’s recorded authorisation.');
    expect(texts).toContain('Where lone working with a learner is a concern, a 1-1 cannot start until a second member of staff has joined.');
    const notice = sentences.find((s) => s.path.join('.') === 'sections.live.complaintNotice');
    expect(notice?.text).toContain('within [days to complain] days: by the end of [the last day to complain]');
    expect(notice?.sourceLabel).toMatch(/^Seed 000, line 185: “Learners MUST also be informed/u);
    const length = sentences.find((s) => s.path.join('.') === 'sections.live.maxMinutes');
    expect(length?.sourceLabel).toMatch(/^Platform default: the seed asks that live classes are kept to a reasonable length/u);
  });

  it('R-ORG-2 calls a training provider’s day the centre day', () => {
    const texts = sentencesOf('blended-training-provider').map((s) => s.text);
    expect(texts).toContain('The centre day runs from 09:00 to 17:00, unless a site sets its own times.');
    expect(texts).toContain('Tutors and assessors are available to learners and families during the centre day.');
  });
});

describe('weekdaysText', () => {
  it('R-ORG-2 names a run of days as a range and other days as a list', () => {
    expect(weekdaysText([1, 2, 3, 4, 5])).toBe('Monday to Friday');
    expect(weekdaysText([5, 1, 3])).toBe('Monday, Wednesday and Friday');
    expect(weekdaysText([6, 7])).toBe('Saturday and Sunday');
    expect(weekdaysText([2])).toBe('Tuesday');
  });
});
