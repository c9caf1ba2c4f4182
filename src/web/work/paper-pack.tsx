import { useState } from 'react';
import { Control, Field, Progress } from '../ui/forms.js';
import { mondayOf } from './format.js';
import { Done } from './notices.js';
import { download, saveFile, type DownloadProgress } from './transfer.js';

/**
 * R-WORK-4: download a week's paper pack (a PDF) with its progress: "Preparing…" while the
 * server writes it, then "Downloading n%" as it arrives, then the browser saves it.
 */
export interface PackTarget {
  key: string;
  /** 'The whole class', or a learner's name. */
  label: string;
  url: (week: string) => string;
  fileName: (week: string) => string;
}

export function PaperPack({ id, targets, today }: { id: string; targets: PackTarget[]; today: string }) {
  const [week, setWeek] = useState(mondayOf(today));
  const [key, setKey] = useState(targets[0]?.key ?? '');
  const target = targets.find((t) => t.key === key) ?? targets[0];
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function fetchPack() {
    setError(null);
    setSaved(null);
    if (!target) return;
    try {
      const monday = mondayOf(week);
      const blob = await download(target.url(monday), setProgress);
      saveFile(blob, target.fileName(monday));
      setSaved(target.fileName(monday));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Something went wrong. Try again.');
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="paper-pack">
      {targets.length > 1 ? (
        <Control id={`${id}-who`} label="Whose pack">
          {(a) => (
            <select {...a} value={key} onChange={(e) => setKey(e.target.value)}>
              {targets.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
        </Control>
      ) : null}
      <Field id={`${id}-week`} label="Week beginning" hint="Any day of the week will do." type="date" value={week} onChange={(e) => setWeek(e.target.value)} />
      {progress?.stage === 'preparing' ? (
        <p role="status" className="progress-note">
          Preparing…
        </p>
      ) : null}
      {progress?.stage === 'downloading' ? (
        progress.share === null ? (
          <p role="status" className="progress-note">
            Downloading…
          </p>
        ) : (
          <Progress id={`${id}-progress`} percent={Math.round(progress.share * 100)} label="Downloading" />
        )
      ) : null}
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? <Done>Downloaded {saved}. Open it to print.</Done> : null}
      <button type="button" className="button secondary" onClick={() => void fetchPack()} disabled={progress !== null}>
        Download the paper pack
      </button>
    </div>
  );
}
