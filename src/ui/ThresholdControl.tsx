import { useId, type CSSProperties } from 'react';
import { comparisonOf } from '../core/matcher';
import { useEngineInfo } from '../state/engine';
import { useRecognition } from '../state/recognition';
import { useSettings } from '../state/settings';
import { Details } from './kit/Details';

const min = 0.2;
const max = 1.6;

/** "1 in 100" for 0.01, "about 5 in 100" otherwise rounded. */
function perHundred(share: number): string {
  const n = Math.round(share * 100);
  return n <= 0 ? 'fewer than 1 in 100' : `about ${n} in 100`;
}

/**
 * The live "No match" threshold, shared by Recognise, Camera and Compare's names: a face is named when
 * it lies at most this far from the person (their average, or their nearest photo under a k-nearest rule).
 * Under the slider, what the value means in words.
 */
export function ThresholdControl({ testId }: { testId: string }) {
  const threshold = useRecognition((s) => s.threshold);
  const setThreshold = useRecognition((s) => s.setThreshold);
  const kind = comparisonOf(useSettings((s) => s.matchRule));
  const model = useEngineInfo()?.model;
  const id = useId();
  const hintId = useId();
  const calibration = model?.calibration?.[kind];
  const calibrated = model?.thresholds[kind];
  const atDefault = calibrated !== undefined && Math.abs(threshold - calibrated) < 0.005;
  const fill = `${(((threshold - min) / (max - min)) * 100).toFixed(1)}%`;
  return (
    <div className="range threshold-control">
      <label htmlFor={id}>Match threshold</label>
      <output htmlFor={id} data-testid={`${testId}-value`}>
        {threshold.toFixed(2)}
      </output>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={0.01}
        value={threshold}
        style={{ '--fill': fill } as CSSProperties}
        aria-describedby={hintId}
        onChange={(e) => setThreshold(Number(e.target.value))}
        data-testid={testId}
      />
      <span className="range-ends" aria-hidden>
        <span>{min.toFixed(2)} · stricter</span>
        <span>looser · {max.toFixed(2)}</span>
      </span>
      <div id={hintId} className="help threshold-meaning" data-testid={`${testId}-meaning`}>
        {!model || !calibration || calibrated === undefined ? (
          'A face is named when it is closer than this to someone in the face database.'
        ) : atDefault ? (
          <>
            A face is named when it is closer than this to someone in the face database. At this setting{' '}
            {perHundred(calibration.strangersNamed)} strangers is given a name, and{' '}
            {perHundred(calibration.knownNamed)} known faces their own.
            <Details summary="How this was measured">Measured on {model.calibration!.on}.</Details>
          </>
        ) : (
          <>
            The calibrated threshold is {calibrated.toFixed(2)}: there{' '}
            {perHundred(calibration.strangersNamed)} strangers is given a name. Higher names more strangers;
            lower says “No match” to more known faces.{' '}
            <button type="button" className="link" onClick={() => setThreshold(calibrated)}>
              Use {calibrated.toFixed(2)}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
