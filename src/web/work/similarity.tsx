import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { SimilarityView } from '../../shared/work.js';
import { api } from '../api.js';

type Side = SimilarityView['pairs'][number]['a'];

/** The text cut into plain and matching pieces, from the passages' character ranges. */
export function piecesOf(text: string, passages: { start: number; end: number }[]): { text: string; match: boolean }[] {
  const sorted = [...passages].sort((x, y) => x.start - y.start);
  const pieces: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const p of sorted) {
    const start = Math.max(at, Math.min(p.start, text.length));
    const end = Math.max(start, Math.min(p.end, text.length));
    if (start > at) pieces.push({ text: text.slice(at, start), match: false });
    if (end > start) pieces.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}

function Answer({ side }: { side: Side }) {
  return (
    <figure className="similar-answer">
      <figcaption>
        <Link href={`/submissions/${side.submissionId}`}>{side.learner.displayName}’s answer</Link>
      </figcaption>
      <div className="prose">
        {piecesOf(side.text, side.passages).map((p, i) => (p.match ? (
          <mark key={i}>
            <span className="visually-hidden">[same] </span>
            {p.text}
          </mark>
        ) : <span key={i}>{p.text}</span>))}
      </div>
    </figure>
  );
}

/** R-WORK-7: text answers in this work that are much the same, with the matching passages marked. */
export function SimilarAnswers({ assignmentId }: { assignmentId: string }) {
  const q = useQuery({ queryKey: ['work', 'similarity', assignmentId], queryFn: () => api<SimilarityView>('GET', `/api/work/assignments/${assignmentId}/similarity`) });
  if (!q.data || q.data.pairs.length === 0) return null;
  return (
    <section aria-labelledby="similar-title">
      <h2 id="similar-title">Similar answers</h2>
      <p>
        These typed answers are {q.data.threshold ? `at least ${q.data.threshold}%` : 'very much'} the same. The matching passages are highlighted. Talk to the learners before deciding
        anything: similar answers can have innocent reasons.
      </p>
      {q.data.pairs.map((pair) => (
        <div key={`${pair.a.submissionId}-${pair.b.submissionId}`} className="similar-pair">
          <h3>
            {pair.a.learner.displayName} and {pair.b.learner.displayName}: {pair.percent}% the same
          </h3>
          <div className="side-by-side">
            <Answer side={pair.a} />
            <Answer side={pair.b} />
          </div>
        </div>
      ))}
    </section>
  );
}
