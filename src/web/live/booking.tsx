import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Me } from '../../shared/identity.js';
import type { BookFamilyMeetingBody, BookOneToOneBody, Invitation, MeetingViews, MeetingViewsBody } from '../../shared/live.js';
import type { ClassDetail, ClassList } from '../../shared/organisation.js';
import { api } from '../api.js';
import { Control, ErrorSummary, Field, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';
import { clockText, dayText, schoolDate } from '../work/format.js';
import { TODAY_KEY } from './queries.js';

/**
 * Booking live sessions that are not timetabled lessons: a 1-1 with a learner (R-LIVE-10) and a
 * meeting with a learner's family (R-LIVE-13). Learners and colleagues are chosen from the
 * classes this member of staff teaches or oversees (GET /api/classes and each class's detail).
 */


interface Person {
  id: string;
  displayName: string;
}

/** The learners and staff of one's classes, each once, by name. */
export function usePeople(meId: string, enabled = true) {
  return useQuery({
    queryKey: ['live', 'bookable-people'],
    enabled,
    queryFn: async () => {
      const { classes } = await api<ClassList>('GET', '/api/classes');
      const details = await Promise.all(classes.filter((c) => c.as !== 'learner').map((c) => api<ClassDetail>('GET', `/api/classes/${c.id}`)));
      const byId = (people: Person[]) => [...new Map(people.map((p) => [p.id, p])).values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
      return {
        learners: byId(details.flatMap((d) => d.learners)),
        staff: byId(details.flatMap((d) => d.staff)).filter((s) => s.id !== meId),
      };
    },
  });
}

/** Why a 1-1 is held, in words: the booking form's choices and the learner's record. */
export const PURPOSES: { value: BookOneToOneBody['purpose']; label: string }[] = [
  { value: 'teaching', label: 'Teaching' },
  { value: 'review', label: 'Review' },
  { value: 'interview', label: 'Interview' },
  { value: 'counselling', label: 'Counselling' },
  { value: 'catch_up', label: 'Catching up' },
];
const LOCATIONS: { value: BookOneToOneBody['hostLocation']; label: string }[] = [
  { value: 'home_centre', label: 'My own centre' },
  { value: 'other_centre', label: 'Another centre' },
  { value: 'home', label: 'Home' },
];

/** /live for staff: book a 1-1 or a meeting with a family. */
export function BookSessions({ me }: { me: Me }) {
  const [open, setOpen] = useState<'one' | 'family' | null>(null);
  const [booked, setBooked] = useState<string | null>(null);
  const people = usePeople(me.user.id);
  const done = (i: Invitation) => {
    setBooked(`Booked: ${i.title}. It is in your invitations below.`);
    setOpen(null);
  };
  return (
    <section aria-labelledby="book-title">
      <h2 id="book-title">Book a session</h2>
      {booked ? (
        <p className="notice" role="status">
          {booked}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className={open === 'one' ? 'button' : 'button secondary'} aria-expanded={open === 'one'} onClick={() => setOpen(open === 'one' ? null : 'one')}>
          Book a 1-1
        </button>
        <button type="button" className={open === 'family' ? 'button' : 'button secondary'} aria-expanded={open === 'family'} onClick={() => setOpen(open === 'family' ? null : 'family')}>
          Book a meeting with a family
        </button>
      </div>
      {open && people.isPending ? <p role="status">Finding your learners…</p> : null}
      {open && people.isError ? <p className="error-message">{people.error.message}</p> : null}
      {open === 'one' && people.data ? <OneToOneForm today={schoolDate(me.now)} learners={people.data.learners} staff={people.data.staff} onBooked={done} /> : null}
      {open === 'family' && people.data ? <FamilyMeetingForm today={schoolDate(me.now)} learners={people.data.learners} staff={people.data.staff} onBooked={done} /> : null}
    </section>
  );
}

function useBook<B>(url: string, onBooked: (i: Invitation) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<Invitation>('POST', url, body),
    onSuccess: async (i) => {
      await qc.invalidateQueries({ queryKey: TODAY_KEY });
      onBooked(i);
    },
  });
}

function PersonSelect({ id, label, people, value, onChange, error, none }: { id: string; label: string; people: Person[]; value: string; onChange: (v: string) => void; error?: string; none: string }) {
  return (
    <Control id={id} label={label} error={error}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{none}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
      )}
    </Control>
  );
}

function When({ prefix, date, start, end, set, errors }: { prefix: string; date: string; start: string; end: string; set: (k: 'date' | 'start' | 'end', v: string) => void; errors: FieldError[] }) {
  return (
    <div className="live-when">
      <Field id={`${prefix}-date`} label="Date" type="date" value={date} onChange={(e) => set('date', e.target.value)} error={errorFor(errors, `${prefix}-date`)} />
      <Field id={`${prefix}-start`} label="Starts" type="time" value={start} onChange={(e) => set('start', e.target.value)} error={errorFor(errors, `${prefix}-start`)} />
      <Field id={`${prefix}-end`} label="Ends" type="time" value={end} onChange={(e) => set('end', e.target.value)} error={errorFor(errors, `${prefix}-end`)} />
    </div>
  );
}

function FormShell({ title, errors, pending, submitLabel, onSubmit, children }: { title: string; errors: FieldError[]; pending: boolean; submitLabel: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className="panel"
      noValidate
      aria-label={title}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <ErrorSummary title="There is a problem" errors={errors} />
      {children}
      <button type="submit" className="button" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}

function OneToOneForm({ today, learners, staff, onBooked }: { today: string; learners: Person[]; staff: Person[]; onBooked: (i: Invitation) => void }) {
  const [f, setF] = useState({ learnerId: '', purpose: 'teaching' as BookOneToOneBody['purpose'], date: today, start: '', end: '', hostLocation: 'home_centre' as BookOneToOneBody['hostLocation'], loneWorkingConcern: false, secondStaffId: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const book = useBook<BookOneToOneBody>('/api/live/one-to-ones', onBooked);
  const field = (p: (string | number)[]) => `one-${String(p[0] ?? 'form')}`;
  function submit() {
    const missing: FieldError[] = [];
    if (!f.learnerId) missing.push({ field: 'one-learnerId', message: 'Choose the learner.' });
    if (!f.start) missing.push({ field: 'one-start', message: 'Give the time it starts.' });
    if (!f.end) missing.push({ field: 'one-end', message: 'Give the time it ends.' });
    if (f.loneWorkingConcern && !f.secondStaffId) missing.push({ field: 'one-secondStaffId', message: 'Choose the second member of staff who will join.' });
    setErrors(missing);
    if (missing.length) return;
    const { secondStaffId, ...rest } = f;
    book.mutate({ ...rest, ...(secondStaffId ? { secondStaffId } : {}) }, { onError: (e) => setErrors(fieldErrorsOf(e, field, 'one-form')) });
  }
  return (
    <FormShell title="Book a 1-1" errors={errors} pending={book.isPending} submitLabel="Book the 1-1" onSubmit={submit}>
      <PersonSelect id="one-learnerId" label="Learner" none="Choose a learner" people={learners} value={f.learnerId} onChange={(v) => setF({ ...f, learnerId: v })} error={errorFor(errors, 'one-learnerId')} />
      <Control id="one-purpose" label="What it is for">
        {(a) => (
          <select {...a} value={f.purpose} onChange={(e) => setF({ ...f, purpose: e.target.value as BookOneToOneBody['purpose'] })}>
            {PURPOSES.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </Control>
      <When prefix="one" date={f.date} start={f.start} end={f.end} set={(k, v) => setF({ ...f, [k]: v })} errors={errors} />
      <fieldset>
        <legend>Where you will hold it from</legend>
        <div className="checkboxes">
          {LOCATIONS.map((l) => (
            <label key={l.value} className="checkbox">
              <input type="radio" name="one-hostLocation" checked={f.hostLocation === l.value} onChange={() => setF({ ...f, hostLocation: l.value })} />
              <span>{l.label}</span>
            </label>
          ))}
        </div>
        {f.hostLocation !== 'home_centre' ? <p className="hint">A senior leader may need to authorise a 1-1 held away from your own centre before it can be opened.</p> : null}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={f.loneWorkingConcern} onChange={(e) => setF({ ...f, loneWorkingConcern: e.target.checked })} />
        <span>Lone working with this learner is a concern: a second member of staff must join first</span>
      </label>
      <PersonSelect id="one-secondStaffId" label="Second member of staff (optional)" none="Nobody" people={staff} value={f.secondStaffId} onChange={(v) => setF({ ...f, secondStaffId: v })} error={errorFor(errors, 'one-secondStaffId')} />
    </FormShell>
  );
}

function FamilyMeetingForm({ today, learners, staff, onBooked }: { today: string; learners: Person[]; staff: Person[]; onBooked: (i: Invitation) => void }) {
  const [f, setF] = useState({ learnerId: '', title: '', date: today, start: '', end: '', withLearner: true, otherStaffIds: [] as string[] });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const book = useBook<BookFamilyMeetingBody>('/api/live/family-meetings', onBooked);
  const field = (p: (string | number)[]) => `family-${String(p[0] ?? 'form')}`;
  function submit() {
    const missing: FieldError[] = [];
    if (!f.learnerId) missing.push({ field: 'family-learnerId', message: 'Choose the learner whose family you are meeting.' });
    if (f.title.trim().length < 3) missing.push({ field: 'family-title', message: 'Say what the meeting is, for example “EHCP annual review”.' });
    if (!f.start) missing.push({ field: 'family-start', message: 'Give the time it starts.' });
    if (!f.end) missing.push({ field: 'family-end', message: 'Give the time it ends.' });
    setErrors(missing);
    if (missing.length) return;
    book.mutate(f, { onError: (e) => setErrors(fieldErrorsOf(e, field, 'family-form')) });
  }
  const toggle = (id: string, on: boolean) => setF({ ...f, otherStaffIds: on ? [...f.otherStaffIds, id] : f.otherStaffIds.filter((x) => x !== id) });
  return (
    <FormShell title="Book a meeting with a family" errors={errors} pending={book.isPending} submitLabel="Book the meeting" onSubmit={submit}>
      <PersonSelect id="family-learnerId" label="Learner" none="Choose a learner" people={learners} value={f.learnerId} onChange={(v) => setF({ ...f, learnerId: v })} error={errorFor(errors, 'family-learnerId')} />
      <Field id="family-title" label="What the meeting is" hint="For example “EHCP annual review” or “Return to school meeting”." maxLength={120} value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} error={errorFor(errors, 'family-title')} />
      <When prefix="family" date={f.date} start={f.start} end={f.end} set={(k, v) => setF({ ...f, [k]: v })} errors={errors} />
      <label className="checkbox">
        <input type="checkbox" checked={f.withLearner} onChange={(e) => setF({ ...f, withLearner: e.target.checked })} />
        <span>The learner joins too, so their views are heard in their own words</span>
      </label>
      {staff.length ? (
        <fieldset>
          <legend>Other staff to invite</legend>
          <div className="checkboxes">
            {staff.map((s) => (
              <label key={s.id} className="checkbox">
                <input type="checkbox" checked={f.otherStaffIds.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                <span>{s.displayName}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </FormShell>
  );
}

// ——— on an invitation: open at its time, authorise, record views ———

/** The host opens a booked 1-1 or family meeting; a senior leader authorises a 1-1 (R-LIVE-10, -13). */
export function InvitationActions({ me, invitation: i }: { me: Me; invitation: Invitation }) {
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: (what: 'open' | 'authorisation') => api<null>('POST', `/api/live/sessions/${i.sessionId}/${what}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: TODAY_KEY }),
  });
  if (i.status !== 'booked' || i.kind === 'lesson') return null;
  const waiting = i.authorisation === 'waiting';
  const canOpen = i.role === 'host' && !waiting;
  const canAuthorise = waiting && me.can.authoriseLive;
  return (
    <div>
      {waiting ? <p className="hint">This 1-1 is held away from the home centre: it cannot be opened until a senior manager authorises it.</p> : null}
      <div className="button-row">
        {canOpen ? (
          <button type="button" className="button" aria-label={`Open ${i.title}`} disabled={act.isPending} onClick={() => act.mutate('open')}>
            Open
          </button>
        ) : null}
        {canAuthorise ? (
          <button type="button" className="button secondary" aria-label={`Authorise ${i.title}`} disabled={act.isPending} onClick={() => act.mutate('authorisation')}>
            Authorise this 1-1
          </button>
        ) : null}
      </div>
      {act.isError ? (
        <p className="error-message" role="alert">
          {act.error.message}
        </p>
      ) : act.isSuccess && act.variables === 'authorisation' ? (
        <p className="notice" role="status">
          Authorised.
        </p>
      ) : null}
    </div>
  );
}

/**
 * R-LIVE-13: after a meeting with a family, the host writes down what the child and the family
 * said; coming back to the meeting's page later, they find what they wrote, to correct it.
 */
export function MeetingViewsForm({ sessionId }: { sessionId: string }) {
  const kept = useQuery({ queryKey: ['live', 'views', sessionId], queryFn: () => api<MeetingViews>('GET', `/api/live/sessions/${sessionId}/views`), retry: false });
  if (kept.isPending) return <p role="status">Loading the views kept from the meeting…</p>;
  if (kept.isError) return <p className="error-message">{kept.error.message}</p>;
  return <ViewsForm sessionId={sessionId} kept={kept.data} />;
}

function ViewsForm({ sessionId, kept }: { sessionId: string; kept: MeetingViews }) {
  const [f, setF] = useState<MeetingViewsBody>({ childViews: kept?.childViews ?? '', familyViews: kept?.familyViews ?? '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const save = useMutation({ mutationFn: (body: MeetingViewsBody) => api<null>('PUT', `/api/live/sessions/${sessionId}/views`, body) });
  function submit() {
    const missing: FieldError[] = [];
    if (!f.childViews.trim()) missing.push({ field: 'views-childViews', message: 'Write what the child said, in their words.' });
    if (!f.familyViews.trim()) missing.push({ field: 'views-familyViews', message: 'Write what the family said.' });
    setErrors(missing);
    if (!missing.length) save.mutate(f, { onError: (e) => setErrors(fieldErrorsOf(e, (p) => `views-${String(p[0] ?? 'form')}`, 'views-form')) });
  }
  if (save.isSuccess) {
    return (
      <p className="notice" role="status">
        The views of the child and the family are kept with the learner’s record.
      </p>
    );
  }
  return (
    <FormShell title="The views heard in the meeting" errors={errors} pending={save.isPending} submitLabel="Keep these views" onSubmit={submit}>
      <h2>The views heard in the meeting</h2>
      {kept ? (
        <p className="hint">
          Kept by {kept.recordedBy} on {dayText(schoolDate(kept.recordedAt))} at {clockText(kept.recordedAt)}. Change them here if they need correcting.
        </p>
      ) : null}
      {(['childViews', 'familyViews'] as const).map((k) => (
        <Control key={k} id={`views-${k}`} label={k === 'childViews' ? 'What the child said, in their own words' : 'What the family said'} error={errorFor(errors, `views-${k}`)}>
          {(a) => <textarea {...a} rows={5} maxLength={20_000} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />}
        </Control>
      ))}
    </FormShell>
  );
}
