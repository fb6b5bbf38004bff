import { useId } from 'react';
import { comparisonOf } from '../core/matcher';
import { useEngineInfo } from '../state/engine';
import { useRecognition } from '../state/recognition';
import { useSettings } from '../state/settings';

/** "1 in 100" for 0.01, "about 5 in 100" otherwise rounded. */
function perHundred(share: number): string {
  const n = Math.round(share * 100);
  return n <= 0 ? 'fewer than 1 in 100' : `about ${n} in 100`;
}

/**
 * The live "No match" threshold, shared by Recognise, Camera and Compare's names: a face is named when
 * it lies at most this far from the person (their average, or their nearest photo under a k-nearest rule).
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
  return (
    <span className="threshold-control">
      <label htmlFor={id}>Threshold</label>{' '}
      <input
        id={id}
        type="range"
        min={0.2}
        max={1.6}
        step={0.01}
        value={threshold}
        aria-describedby={calibration ? hintId : undefined}
        onChange={(e) => setThreshold(Number(e.target.value))}
        data-testid={testId}
      />{' '}
      <output htmlFor={id} data-testid={`${testId}-value`}>
        {threshold.toFixed(2)}
      </output>
      {model && calibration && calibrated !== undefined && (
        <small id={hintId} className="muted threshold-meaning" data-testid={`${testId}-meaning`}>
          {atDefault ? (
            <>
              Calibrated: {perHundred(calibration.strangersNamed)} strangers is given a name, and{' '}
              {perHundred(calibration.knownNamed)} known faces their own ({model.calibration!.on}).
            </>
          ) : (
            <>
              {model.label}’s calibrated threshold is {calibrated.toFixed(2)}: there{' '}
              {perHundred(calibration.strangersNamed)} strangers is given a name. Higher names more strangers;
              lower says “No match” to more known faces.{' '}
              <button type="button" onClick={() => setThreshold(calibrated)}>
                Use {calibrated.toFixed(2)}
              </button>
            </>
          )}
        </small>
      )}
    </span>
  );
}
