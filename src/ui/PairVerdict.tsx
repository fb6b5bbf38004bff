import { pairVerdict, type ComparisonThresholds, type PairVerdict as Verdict } from '../core/verdict';
import { euclidean } from '../core/vector';
import type { Face } from './ComparePage';
import { Details } from './kit/Details';
import './pair-verdict.css';

/** The bar's right end: unit embeddings of two different people rarely lie further apart. */
const barMax = 1.6;
const at = (d: number) => `${(100 * Math.min(Math.max(d, 0), barMax)) / barMax}%`;

/** Each band in words. */
export const verdictWords: Record<Verdict, string> = {
  same: 'Same person',
  'not-sure': 'Not sure',
  different: 'Different people',
};

function meaning(verdict: Verdict, distance: number, t: ComparisonThresholds): string {
  if (verdict === 'same') return 'These two faces are closer than 999 in 1,000 pairs of different people.';
  if (verdict === 'different')
    return 'These two faces are further apart than 99 in 100 pairs of photos of one person.';
  return distance <= t.pair
    ? 'More likely the same person: closer than 99 in 100 pairs of different people, but some do come this close.'
    : 'More likely different people, but photos of one person sometimes lie this far apart (a turned head, bad light, years between them).';
}

/** What the chosen face database says of the two faces, and how that sits with the pair's verdict. */
function databaseWords(a: string | null, b: string | null, verdict: Verdict): string | null {
  if (a === null && b === null) return 'The face database knows neither face.';
  if (a !== null && a === b) {
    return verdict === 'same'
      ? `The face database names both ${a}.`
      : `The face database names both ${a}: each face is close to the average of ${a}’s photos, which is stronger evidence than these two photos alone.`;
  }
  if (a !== null && b !== null) {
    return verdict === 'same'
      ? `The face database names them ${a} and ${b}: these two photos look alike, but each is nearer a different person’s photos.`
      : `The face database names them ${a} and ${b}.`;
  }
  return `The face database names only one of them (${a ?? b}); the other is not close to anyone in it.`;
}

/**
 * Two faces: Compare's verdict in three calibrated bands, a distance bar that marks them, and, with a
 * face database chosen, what it names each face, so that the two answers never disagree unexplained.
 */
export function PairVerdict({
  a,
  b,
  thresholds,
  names,
}: {
  a: Face;
  b: Face;
  thresholds: ComparisonThresholds;
  /** The names the face database gives each face (null: "No match"), or null without a database. */
  names: [string | null, string | null] | null;
}) {
  if (!a.embedding || !b.embedding) {
    const failed = [a, b].filter((f) => !f.embedding).map((f) => f.name);
    return (
      <p className="verdict unknown" data-testid="compare-verdict" data-verdict="unknown">
        Cannot compare: no face was found in {failed.join(' and ')}.
      </p>
    );
  }
  const distance = euclidean(a.embedding, b.embedding);
  const verdict = pairVerdict(distance, thresholds);
  const banded = thresholds.pairSure < thresholds.pairDifferent;
  return (
    <section
      className={`pair-verdict ${verdict}`}
      aria-labelledby="compare-verdict-title"
      data-testid="compare-verdict"
      data-verdict={verdict}
      data-distance={distance}
    >
      <h3 id="compare-verdict-title" className="verdict-title" data-testid="compare-verdict-title">
        {verdictWords[verdict]}
      </h3>
      <p>{meaning(verdict, distance, thresholds)}</p>
      {names && <p data-testid="compare-database-says">{databaseWords(names[0], names[1], verdict)}</p>}
      <div
        className="distance-bar"
        role="img"
        aria-label={`Distance ${distance.toFixed(2)} on a scale from 0 to ${barMax}: same person up to ${thresholds.pairSure.toFixed(2)}, not sure up to ${thresholds.pairDifferent.toFixed(2)}, different people beyond`}
      >
        <span className="band same" style={{ width: at(thresholds.pairSure) }} />
        {banded && (
          <span
            className="band not-sure"
            style={{
              left: at(thresholds.pairSure),
              width: `calc(${at(thresholds.pairDifferent)} - ${at(thresholds.pairSure)})`,
            }}
          />
        )}
        <span className="band different" style={{ left: at(thresholds.pairDifferent), right: 0 }} />
        <span className="marker" style={{ left: at(distance) }} />
      </div>
      <p className="distance-bar-legend muted" aria-hidden="true">
        <span>Same person</span>
        {banded && (
          <span
            className="middle"
            style={{ left: `calc((${at(thresholds.pairSure)} + ${at(thresholds.pairDifferent)}) / 2)` }}
          >
            Not sure
          </span>
        )}
        <span>Different people</span>
      </p>
      <Details>
        <p className="muted">
          Distance <span data-testid="compare-distance">{distance.toFixed(3)}</span> between the two face
          prints. Same person up to {thresholds.pairSure.toFixed(2)} (1 pair of different people in 1,000
          comes this close), different people beyond {thresholds.pairDifferent.toFixed(2)} (1 pair of one
          person in 100 lies further apart); a plain yes or no would split at {thresholds.pair.toFixed(2)},
          where 1 pair of different people in 100 is called the same.
          {!banded && ' This model has no calibration of its own, so there is no “Not sure” band.'}
        </p>
      </Details>
    </section>
  );
}
