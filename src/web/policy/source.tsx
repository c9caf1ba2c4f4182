import type { PolicySectionView, PolicySentenceView, SourceOrigin } from '../../shared/policy-contract.js';
import { dateOf } from './format.js';

/** The seed line with the quoted words marked, when they are there as written. */
function QuotedLine({ line, quote }: { line: string; quote: string }) {
  const words = quote.replace(/\s+/g, ' ').trim();
  const at = line.indexOf(words);
  if (at === -1) return <blockquote>{line}</blockquote>;
  return (
    <blockquote>
      {line.slice(0, at)}
      <mark>{words}</mark>
      {line.slice(at + words.length)}
    </blockquote>
  );
}

/** R-POL-3: where a value comes from: a seed line (with its preset and file), a platform default, or a decision made here. */
export function Origin({ origin }: { origin: SourceOrigin }) {
  switch (origin.kind) {
    case 'seed':
      return (
        <div className="origin">
          <p>
            From the preset <strong>{origin.preset.title}</strong>, which follows seed policy {origin.seed} (<code>{origin.seedFile}</code>), line {origin.line}:
          </p>
          <QuotedLine line={origin.lineText} quote={origin.quote} />
        </div>
      );
    case 'default':
      return (
        <div className="origin">
          <p>
            <strong>Platform default.</strong> {origin.reason.charAt(0).toUpperCase() + origin.reason.slice(1)}.
          </p>
        </div>
      );
    case 'local':
      return (
        <div className="origin">
          <p>
            <strong>
              Decided here by {origin.by} on {dateOf(origin.at)}.
            </strong>{' '}
            Why: {origin.why}
          </p>
        </div>
      );
  }
}

function Sentence({ s }: { s: PolicySentenceView }) {
  return (
    <li>
      {s.text}
      {s.overridden ? <span className="tag">This site’s own value</span> : null}
      <details>
        <summary>Where this comes from</summary>
        <Origin origin={s.origin} />
      </details>
    </li>
  );
}

/** One section of the policy as prose, each sentence with its source one click away. */
export function ProseSection({ section, headingLevel = 2 }: { section: PolicySectionView; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading id={`section-${section.key}`}>{section.title}</Heading>
      <ul className="policy-sentences">
        {section.sentences.map((s) => (
          <Sentence key={s.path.join('.')} s={s} />
        ))}
      </ul>
    </>
  );
}
