import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AcademicSession, Enrollment, fieldProblemCode, isCalendarDate, RosterUser } from './records.js';

const session = {
  line: 3,
  sourcedId: 'as-autumn',
  status: '',
  dateLastModified: '',
  title: 'Autumn 2025',
  type: 'term',
  startDate: '2025-09-03',
  endDate: '2025-12-19',
  parentSourcedId: 'as-2025-26',
  schoolYear: '2026',
};

function issuesOf(result: { success: boolean; error?: { issues: Parameters<typeof fieldProblemCode>[0][] } }) {
  return (result.error?.issues ?? []).map((i) => ({ field: i.path[0], code: fieldProblemCode(i), message: i.message }));
}

describe('OneRoster 1.2 records', () => {
  it('R-ORG-3 keeps an academic session typed, with blank optional fields as null', () => {
    const parsed = AcademicSession.parse({ ...session, parentSourcedId: '' });

    expect(parsed).toEqual({ ...session, status: null, dateLastModified: null, parentSourcedId: null });
  });

  it.each([
    ['2026-02-30', 'bad_date', 'is not a day on the calendar.'],
    ['2025-02-29', 'bad_date', 'is not a day on the calendar.'],
    ['2026-13-01', 'bad_date', 'is not a day on the calendar.'],
    ['19/12/2025', 'bad_date', 'is not a date; use YYYY-MM-DD such as 2026-09-01.'],
    ['', 'missing_value', 'every academic session needs an endDate.'],
  ])('R-ORG-3 refuses endDate %s', (endDate, code, message) => {
    expect(issuesOf(AcademicSession.safeParse({ ...session, endDate }))).toEqual([{ field: 'endDate', code, message }]);
  });

  it('R-ORG-3 accepts 29 February in a leap year', () => {
    expect(AcademicSession.safeParse({ ...session, endDate: '2028-02-29' }).success).toBe(true);
  });

  it.each([
    ['2026-09-01T06:00:00Z', true],
    ['2026-09-01T06:00:00.123+01:00', true],
    ['2026-09-01', false],
    ['2026-09-01T25:00:00Z', false],
    ['2026-09-01 06:00:00', false],
  ])('R-ORG-3 reads dateLastModified %s as a date-time: %s', (value, ok) => {
    expect(AcademicSession.safeParse({ ...session, dateLastModified: value }).success).toBe(ok);
  });

  it('R-ORG-3 refuses a status other than active or tobedeleted', () => {
    expect(issuesOf(AcademicSession.safeParse({ ...session, status: 'inactive' }))).toEqual([
      { field: 'status', code: 'bad_value', message: 'is not active or tobedeleted.' },
    ]);
  });

  const user = {
    line: 2, sourcedId: 'u1', status: '', dateLastModified: '', enabledUser: 'true', username: 'ava.brown', userIds: '{UPN:A123456789012},{MIS:000123}',
    givenName: 'Ava', familyName: 'Brown', middleName: '', identifier: '', email: '', sms: '', phone: '', agentSourcedIds: 'g1,g2',
    grades: '07', password: '', userMasterIdentifier: '', resourceSourcedIds: '', preferredGivenName: '', preferredMiddleName: '',
    preferredFamilyName: '', primaryOrgSourcedId: 'school', pronouns: '',
  };

  it('R-ORG-3 splits a user\'s lists: userIds, agents and grades', () => {
    const parsed = RosterUser.parse(user);

    expect(parsed.userIds).toEqual([{ type: 'UPN', identifier: 'A123456789012' }, { type: 'MIS', identifier: '000123' }]);
    expect(parsed.agentSourcedIds).toEqual(['g1', 'g2']);
    expect(parsed.grades).toEqual(['07']);
    expect(parsed.enabledUser).toBe(true);
  });

  it.each([
    ['grades', 'Y7', 'is not a grade code; use 2-digit codes such as 07.'],
    ['grades', '7', 'is not a grade code; use 2-digit codes such as 07.'],
    ['enabledUser', 'yes', 'is not true or false.'],
    ['userIds', 'A123456789012', 'is not a list of {type:identifier} such as {UPN:A123456789012}.'],
  ])('R-ORG-3 refuses a user\'s %s "%s"', (field, value, message) => {
    expect(issuesOf(RosterUser.safeParse({ ...user, [field]: value }))).toEqual([{ field, code: 'bad_value', message }]);
  });

  it('R-ORG-3 accepts extension values the spec allows (ext:) but not other roles', () => {
    const enrollment = {
      line: 2, sourcedId: 'e1', status: '', dateLastModified: '', classSourcedId: 'c1', schoolSourcedId: 's1', userSourcedId: 'u1',
      role: 'ext:teachingAssistant', primary: '', beginDate: '', endDate: '',
    };
    expect(Enrollment.safeParse(enrollment).success).toBe(true);
    expect(issuesOf(Enrollment.safeParse({ ...enrollment, role: 'guardian' }))).toEqual([
      { field: 'role', code: 'bad_value', message: 'is not one of administrator, proctor, student, teacher (or an ext: value).' },
    ]);
  });

  it('R-ORG-3 agrees with the calendar on which days exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const utc = new Date(Date.UTC(y, m - 1, d));
        const real = m >= 1 && m <= 12 && d >= 1 && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
        expect(isCalendarDate(y, m, d)).toBe(real);
      }),
    );
  });
});
