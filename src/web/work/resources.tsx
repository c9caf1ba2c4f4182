import { useRef, useState, type FormEvent } from 'react';
import type { FileView, ResourceView } from '../../shared/work.js';
import { useMe } from '../identity/me.js';
import { Control, ErrorSummary, errorFor, fieldErrorsOf, type FieldError, Progress } from '../ui/forms.js';
import { fileUrl, sizeText } from './format.js';
import { Done, Prose } from './notices.js';
import { sendForm } from './transfer.js';

/** 'application/pdf' → 'PDF', 'image/jpeg' → 'JPEG image'. */
function kindOf(contentType: string): string {
  const [type, sub = ''] = contentType.split('/');
  if (contentType === 'application/pdf') return 'PDF';
  if (type === 'image') return `${sub.toUpperCase()} image`;
  if (type === 'video') return 'video';
  if (type === 'audio') return 'audio';
  if (/word/.test(sub)) return 'Word document';
  if (/sheet|excel/.test(sub)) return 'spreadsheet';
  if (/presentation|powerpoint/.test(sub)) return 'slides';
  return 'file';
}

/** A link that downloads a stored file, saying what it is and how big. */
export function FileLink({ file, label }: { file: FileView; label?: string }) {
  return (
    <a href={fileUrl(file.id)} download={file.fileName}>
      {label ?? file.fileName}
      <span className="hint">
        {' '}
        ({kindOf(file.contentType)}, {sizeText(file.byteSize)})
      </span>
    </a>
  );
}

function Resource({ r }: { r: ResourceView }) {
  switch (r.kind) {
    case 'link':
      return (
        <>
          <h3>{r.title}</h3>
          {r.url ? (
            <a href={r.url} rel="noopener noreferrer">
              {r.url}
            </a>
          ) : null}
        </>
      );
    case 'text':
      return (
        <>
          <h3>{r.title}</h3>
          <Prose text={r.body ?? ''} />
        </>
      );
    case 'video':
      return (
        <>
          <h3>{r.title}</h3>
          {r.file ? (
            <>
              <video className="media" controls preload="none" poster={r.posterId ? fileUrl(r.posterId) : undefined} aria-label={r.title}>
                <source src={fileUrl(r.file.id)} type={r.file.contentType} />
                {r.captionsId ? <track kind="captions" src={fileUrl(r.captionsId)} srcLang="en" label="English" default /> : null}
              </video>
              {r.captionsId ? null : <p className="hint">This video has no captions.</p>}
              <p>
                <FileLink file={r.file} label="Download the video" />
              </p>
            </>
          ) : null}
        </>
      );
    case 'audio':
      return (
        <>
          <h3>{r.title}</h3>
          {r.file ? (
            <>
              <audio className="media" controls preload="none" src={fileUrl(r.file.id)} aria-label={r.title} />
              <p>
                <FileLink file={r.file} label="Download the recording" />
              </p>
            </>
          ) : null}
        </>
      );
    case 'file':
      return (
        <>
          <h3>{r.title}</h3>
          {r.file ? <FileLink file={r.file} /> : null}
        </>
      );
  }
}

/** R-WORK-3: the work's resources: links, text, files, and recorded lessons played in the page. */
export function ResourceList({ resources }: { resources: ResourceView[] }) {
  if (resources.length === 0) return null;
  return (
    <section aria-labelledby="resources-title">
      <h2 id="resources-title">Resources</h2>
      <ul className="plain resource-list">
        {resources.map((r) => (
          <li key={r.id} className="resource">
            <Resource r={r} />
          </li>
        ))}
      </ul>
    </section>
  );
}

type UploadKind = 'file' | 'video' | 'audio';
const PICK: Record<UploadKind, string> = { file: 'The file', video: 'The video', audio: 'The recording' };

/** R-WORK-3: staff add a file, a recorded lesson (with poster and captions) or a podcast to work already set. */
export function ResourceUpload({ assignmentId, onAdded }: { assignmentId: string; onAdded: (r: ResourceView) => void }) {
  const me = useMe();
  const form = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<UploadKind>('file');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState<number | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const id = (f: string) => `resource-${f}`;

  async function upload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const title = String(data.get('title') ?? '').trim();
    const file = data.get('file');
    const problems: FieldError[] = [];
    if (!title) problems.push({ field: id('title'), message: 'Enter a title, so learners know what it is.' });
    if (!(file instanceof File) || file.size === 0) problems.push({ field: id('file'), message: `Choose ${PICK[kind].toLowerCase()} to upload.` });
    setErrors(problems);
    setAdded(null);
    if (problems.length) return;
    // Fields first, then the files, so the server knows what it is storing as it streams.
    const body = new FormData();
    body.append('kind', kind);
    body.append('title', title);
    body.append('file', file as File);
    for (const extra of ['poster', 'captions'] as const) {
      const f = data.get(extra);
      if (kind === 'video' && f instanceof File && f.size > 0) body.append(extra, f);
    }
    setSent(0);
    try {
      const r = await sendForm<ResourceView>(`/api/work/assignments/${assignmentId}/resources`, body, me.data?.csrfToken ?? '', setSent);
      form.current?.reset();
      setAdded(r.title);
      onAdded(r);
    } catch (err) {
      setErrors(fieldErrorsOf(err, (p) => id(String(p[0] ?? 'file')), id('file')));
    } finally {
      setSent(null);
    }
  }

  const percent = sent === null ? null : Math.round(sent * 100);
  return (
    <form ref={form} className="panel narrow" aria-labelledby="resource-upload-title" noValidate onSubmit={(e) => void upload(e)}>
      <h3 id="resource-upload-title">Add a file, video or recording</h3>
      <ErrorSummary title="The resource could not be added" errors={errors} />
      {added ? <Done>“{added}” is added. Learners can open it now.</Done> : null}
      <div className="field">
        <label htmlFor={id('kind')}>What is it?</label>
        <select id={id('kind')} name="kind" value={kind} onChange={(e) => setKind(e.target.value as UploadKind)}>
          <option value="file">A file (worksheet, slides, PDF)</option>
          <option value="video">A recorded lesson (video)</option>
          <option value="audio">A podcast or recording (audio)</option>
        </select>
      </div>
      <Control id={id('title')} label="Title" error={errorFor(errors, id('title'))}>
        {(a) => <input {...a} name="title" autoComplete="off" />}
      </Control>
      <Control id={id('file')} label={PICK[kind]} error={errorFor(errors, id('file'))}>
        {(a) => <input {...a} name="file" type="file" accept={kind === 'file' ? undefined : `${kind}/*`} />}
      </Control>
      {kind === 'video' ? (
        <>
          <Control id={id('poster')} label="Poster image (optional)" hint="A still shown before the video plays." error={errorFor(errors, id('poster'))}>
            {(a) => <input {...a} name="poster" type="file" accept="image/*" />}
          </Control>
          <Control id={id('captions')} label="Captions (optional)" hint="A WebVTT file (.vtt). Captions help learners who are deaf or watch without sound." error={errorFor(errors, id('captions'))}>
            {(a) => <input {...a} name="captions" type="file" accept=".vtt,text/vtt" />}
          </Control>
        </>
      ) : null}
      <Progress id="resource-progress" percent={percent} label="Uploading" />
      <button type="submit" className="button secondary" disabled={sent !== null}>
        {sent === null ? 'Upload' : 'Uploading…'}
      </button>
    </form>
  );
}
