import { accepts } from '../core/threshold';
import { euclidean } from '../core/vector';
import type { Face } from './ComparePage';

/** Two faces: their distance and whether that makes them one person at the threshold. */
export function ComparePair({ a, b, threshold }: { a: Face; b: Face; threshold: number }) {
  if (!a.embedding || !b.embedding) {
    const failed = [a, b].filter((f) => !f.embedding).map((f) => f.name);
    return (
      <p className="verdict card unknown" data-testid="compare-verdict" data-verdict="unknown">
        Cannot compare: no face embedding for {failed.join(' and ')}.
      </p>
    );
  }
  const distance = euclidean(a.embedding, b.embedding);
  const same = accepts(distance, threshold);
  return (
    <p
      className={`verdict card ${same ? 'same' : 'different'}`}
      data-testid="compare-verdict"
      data-verdict={same ? 'same' : 'different'}
      data-distance={distance}
    >
      <strong>{same ? 'Same person' : 'Different people'}</strong>
      <span className="muted small">
        Distance <span data-testid="compare-distance">{distance.toFixed(3)}</span>:{' '}
        {same ? 'within' : 'beyond'} the threshold {threshold.toFixed(2)}.
      </span>
    </p>
  );
}
