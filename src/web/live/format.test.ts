import { describe, expect, it } from 'vitest';
import { answeredText, chatKeptText, chatModeHint, checkCounts, connectionText, endOfDayText, lengthText, recordingText, whenSpanText } from './format.js';

const open = { kind: 'open' } as const;

describe('live lessons in words', () => {
  it('R-LIVE-7 says a lesson is not recorded, or for how long it is kept and until when one can complain', () => {
    expect(recordingText({ kind: 'lesson', endsAt: '2026-11-23T10:00:00Z', recording: { recorded: false, retentionDays: null, complaintDays: null } })).toEqual(['This lesson is not recorded.']);
    expect(recordingText({ kind: 'lesson', endsAt: '2026-11-23T10:00:00Z', recording: { recorded: true, retentionDays: 21, complaintDays: 20 } })).toEqual([
      'This lesson is recorded. The recording is kept for 21 days, then deleted.',
      'If you want to complain about this lesson, you can do so within 20 days, until Sunday 13 December.',
    ]);
    expect(recordingText({ kind: 'one_to_one', endsAt: '2026-11-23T10:00:00Z', recording: { recorded: true, retentionDays: 21, complaintDays: null } })).toEqual([
      'This 1-1 is recorded. The recording is kept for 21 days, then deleted.',
    ]);
  });

  it('R-LIVE-7 names the last day of a period that ends at midnight, in London time', () => {
    expect(endOfDayText('2026-12-14T00:00:00.000Z')).toBe('the end of Sunday 13 December');
    expect(endOfDayText('2026-06-14T23:00:00.000Z')).toBe('the end of Sunday 14 June');
  });

  it('R-LIVE-11 says until when the chat is kept, or when it was deleted', () => {
    expect(chatKeptText({ deleteAfter: '2026-12-24T00:00:00.000Z', deletedAt: null })).toBe('The chat is kept until the end of Wednesday 23 December, then deleted. Reading it is noted in the audit log.');
    expect(chatKeptText({ deleteAfter: '2026-12-24T00:00:00.000Z', deletedAt: '2026-12-24T00:30:00.000Z' })).toBe('The chat was deleted on Thursday 24 December, when the time the policy keeps it for ended.');
  });

  it('says what the connection is doing, in steps that do not chatter', () => {
    const base = { phase: open, admitted: true, ice: 'connected', loss: 0, audioOnly: false } as const;
    expect(connectionText(base)).toBe('Connected.');
    expect(connectionText({ ...base, loss: 0.12 })).toBe('The connection is poor: about 10% of the sound and picture is being lost. Choosing “Low data” or “Audio only” may help.');
    expect(connectionText({ ...base, loss: 0.03 })).toBe('Connected.');
    expect(connectionText({ ...base, ice: 'interrupted' })).toBe('The connection is interrupted. Waiting for it to come back…');
    expect(connectionText({ ...base, phase: { kind: 'reconnecting', attempt: 2 } })).toMatch(/^The connection dropped. Reconnecting by itself \(try 2\)/);
    expect(connectionText({ ...base, admitted: false })).toBe('Connected to the waiting room.');
    expect(connectionText({ ...base, audioOnly: true })).toBe('Connected. You are receiving sound only.');
  });

  it('R-LIVE-9 warns the host before the time limit and after it', () => {
    const length = { warnAt: '2026-11-23T09:40:00Z', limitAt: '2026-11-23T09:45:00Z' };
    expect(lengthText(length, Date.parse('2026-11-23T09:30:00Z'), '2026-11-23')).toBeNull();
    expect(lengthText(length, Date.parse('2026-11-23T09:42:00Z'), '2026-11-23')).toBe('3 minutes left before the time limit (today at 9:45am).');
    expect(lengthText(length, Date.parse('2026-11-23T09:46:00Z'), '2026-11-23')).toMatch(/^This lesson has run past its time limit \(today at 9:45am\)/);
    expect(lengthText({ warnAt: null, limitAt: null }, 0, '2026-11-23')).toBeNull();
  });

  it('gives a lesson’s day and times', () => {
    expect(whenSpanText('2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z', '2026-11-23')).toBe('Today, 9am to 10am');
    expect(whenSpanText('2026-11-25T09:00:00Z', '2026-11-25T09:50:00Z', '2026-11-23')).toBe('Wednesday 25 November, 9am to 9:50am');
  });
});

describe('chat and checks in words (R-LIVE-11, R-LIVE-14)', () => {
  it('R-LIVE-11 tells a learner what the chat allows now', () => {
    expect(chatModeHint('off', false)).toBe('The host has turned chat off.');
    expect(chatModeHint('host_only', false)).toMatch(/^Chat is to the host only/);
    expect(chatModeHint('off', true)).toMatch(/You can still write to everyone/);
  });

  it('R-LIVE-14 lists a poll’s choices in order with their counts, then other answers, most first', () => {
    expect(answeredText(1, 1)).toBe('1 of 1 answered');
    expect(checkCounts(['54', '56'], { '56': 2 })).toEqual([
      { answer: '54', count: 0 },
      { answer: '56', count: 2 },
    ]);
    expect(checkCounts([], { b: 1, a: 1, c: 3 })).toEqual([
      { answer: 'c', count: 3 },
      { answer: 'a', count: 1 },
      { answer: 'b', count: 1 },
    ]);
  });
});
