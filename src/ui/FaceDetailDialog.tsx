import type { FaceExplanation, PersonEvidence } from '../app/explain';
import { MATCH_RULE_LABELS } from '../core/matcher';
import { useFaceDetail, type FaceDetailCrop, type FaceDetailState } from '../state/face-detail';
import { useRecognition } from '../state/recognition';
import { BlobImage } from './BlobImage';
import { StoredThumb } from './dashboard/StoredThumb';
import { Dialog } from './kit/Dialog';
import './face-detail.css';

const cropWords: Record<string, string> = {
  align: 'aligned on the eyes, nose and mouth',
  detect: 'cut out around the detected face',
  whole: 'the whole photo, resized',
};

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};

/**
 * Why a face got its answer: the crop the model saw, the three nearest people with some of their
 * enrolled photos and each distance against the threshold, and where the true person ranked. A
 * modal dialog: focus moves into it, Escape or Close shuts it, and focus returns to the opener.
 */
export function FaceDetailDialog() {
  const state = useFaceDetail((s) => s.state);
  const close = useFaceDetail((s) => s.close);
  const threshold = useRecognition((s) => s.threshold);
  return (
    <Dialog
      open={state.status !== 'closed'}
      onClose={close}
      title={titleOf(state)}
      variant="wide"
      testId="face-detail"
      closeTestId="face-detail-close"
      data-status={state.status}
    >
      {state.status === 'loading' && (
        <p aria-live="polite" className="status-line">
          Finding the face and the nearest people…
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="error-text" data-testid="face-detail-error">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <Explanation
          explanation={state.explanation}
          crop={state.crop}
          threshold={threshold}
          known={state.target.kind === 'test-image'}
        />
      )}
    </Dialog>
  );
}

function titleOf(state: FaceDetailState): string {
  if (state.status === 'closed') return '';
  const t = state.target;
  return t.kind === 'test-image'
    ? `Why this answer: a photo of ${t.truePerson}`
    : `Why this answer: face ${t.face}`;
}

function Explanation({
  explanation,
  crop,
  threshold,
  known,
}: {
  explanation: FaceExplanation;
  crop: FaceDetailCrop;
  threshold: number;
  known: boolean;
}) {
  const { nearest, truth, rule, people } = explanation;
  const first = nearest[0];
  const named = first && first.distance <= threshold ? first : null;
  const truthRank = truth?.evidence?.rank ?? null;
  const mistake = known && truth !== null && truthRank !== 1;
  const truthOutside = truth?.evidence && truth.evidence.rank > nearest.length ? truth.evidence : null;
  const shown = [...nearest, ...(truthOutside ? [truthOutside] : [])];
  // One scale for every bar: wide enough for the threshold and the farthest person shown.
  const scale = Math.min(2, Math.max(threshold * 1.4, ...shown.map((p) => p.distance * 1.1)));
  return (
    <>
      <div className="fd-probe">
        <figure>
          <BlobImage
            blob={crop.blob}
            alt="The face as the model saw it"
            width={crop.size || undefined}
            height={crop.size || undefined}
            data-testid="detail-crop"
            data-size={crop.size}
          />
          <figcaption className="muted">
            As the model saw it: {cropWords[crop.cropMode] ?? crop.cropMode}, {crop.size} × {crop.size} px
          </figcaption>
        </figure>
        <div className="fd-verdict">
          <p data-testid="detail-answer">
            {named ? (
              <>
                Named <strong>{named.person}</strong>: {named.distance.toFixed(3)} is within the threshold{' '}
                {threshold.toFixed(2)}.
              </>
            ) : (
              <>
                <strong>No match</strong>: the nearest, {first?.person ?? 'nobody'}, is{' '}
                {first ? first.distance.toFixed(3) : '—'}, beyond the threshold {threshold.toFixed(2)}.
              </>
            )}
          </p>
          {known && truth && (
            <p
              data-testid="detail-truth"
              data-rank={truthRank ?? ''}
              data-distance={truth.evidence?.distance ?? ''}
              className={mistake ? 'fd-mistake' : ''}
            >
              {truth.evidence ? (
                truthRank === 1 ? (
                  <>
                    The true person, {truth.person}, ranked first
                    {named ? '.' : `, at ${truth.evidence.distance.toFixed(3)}: too far for the threshold.`}
                  </>
                ) : (
                  <>
                    <strong>A mistake:</strong> the true person, {truth.person}, ranked{' '}
                    <strong>{ordinal(truthRank!)}</strong> of {people}, at{' '}
                    {truth.evidence.distance.toFixed(3)}.
                  </>
                )
              ) : (
                <>{truth.person} is not in this face database, so no answer could be right.</>
              )}
            </p>
          )}
          <p className="muted small">
            Ranked by {MATCH_RULE_LABELS[rule].toLowerCase()}:{' '}
            {rule === 'average'
              ? 'the distance to each person’s average face print.'
              : 'votes of the nearest photos in the database; the distance is to each person’s nearest photo.'}{' '}
            A shorter bar is more alike; the dark line marks the threshold.
          </p>
        </div>
      </div>
      <ol className="fd-people" aria-label="The nearest people">
        {shown.map((p) => (
          <PersonRow
            key={p.personKey}
            person={p}
            threshold={threshold}
            scale={scale}
            truth={known && truth?.person === p.person}
          />
        ))}
      </ol>
    </>
  );
}

function PersonRow({
  person,
  threshold,
  scale,
  truth,
}: {
  person: PersonEvidence;
  threshold: number;
  scale: number;
  truth: boolean;
}) {
  const within = person.distance <= threshold;
  const pct = (d: number) => `${Math.min(100, (d / scale) * 100).toFixed(2)}%`;
  return (
    <li
      className={`fd-person${truth ? ' fd-true' : ''}`}
      value={person.rank}
      data-testid="detail-person"
      data-rank={person.rank}
      data-identity={person.person}
      data-distance={person.distance}
    >
      <div className="fd-person-head">
        <span className="fd-name">
          {ordinal(person.rank)} · <strong>{person.person}</strong>
          {truth && <span className="fd-tag"> true person</span>}
        </span>
        <span className="fd-distance">
          {person.distance.toFixed(3)}
          {person.votes !== undefined && ` · ${person.votes} vote${person.votes === 1 ? '' : 's'}`}
        </span>
      </div>
      <div
        className="fd-bar"
        role="img"
        aria-label={`Distance ${person.distance.toFixed(3)}, ${within ? 'within' : 'beyond'} the threshold ${threshold.toFixed(2)}`}
      >
        <span
          className={`fd-bar-fill ${within ? 'within' : 'beyond'}`}
          style={{ width: pct(person.distance) }}
        />
        <span
          className="fd-bar-threshold"
          style={{ left: pct(threshold) }}
          data-testid="threshold-marker"
          data-threshold={threshold}
        />
      </div>
      {person.imageIds.length > 0 ? (
        <div className="fd-thumbs" data-testid="detail-thumbs">
          {person.imageIds.map((id, i) => (
            <StoredThumb key={id} id={id} alt={`Enrolled photo ${i + 1} of ${person.person}`} size={64} />
          ))}
        </div>
      ) : (
        <p className="muted">
          None of the photos {person.person}’s face print was built from are stored in this browser.
        </p>
      )}
    </li>
  );
}
