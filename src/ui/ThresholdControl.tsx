import { useId } from 'react';
import { useRecognition } from '../state/recognition';

/** The live distance threshold, shared with Recognise: below it two faces count as the same person. */
export function ThresholdControl({ testId }: { testId: string }) {
  const threshold = useRecognition((s) => s.threshold);
  const setThreshold = useRecognition((s) => s.setThreshold);
  const id = useId();
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
        onChange={(e) => setThreshold(Number(e.target.value))}
        data-testid={testId}
      />{' '}
      <output htmlFor={id} data-testid={`${testId}-value`}>
        {threshold.toFixed(2)}
      </output>
    </span>
  );
}
