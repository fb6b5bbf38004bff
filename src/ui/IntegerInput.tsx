import { Field } from './kit/Field';

/**
 * The whole number a number field's text stands for: empty or unparsable text gives `fallback`,
 * then the result is kept within `min` and `max` where they are given.
 */
export function clampInteger(text: string, fallback: number, min?: number, max?: number): number {
  let n = Math.floor(Number(text) || fallback);
  if (min !== undefined) n = Math.max(min, n);
  if (max !== undefined) n = Math.min(max, n);
  return n;
}

/** A labelled number field that only ever reports whole numbers within its bounds. */
export function IntegerInput({
  label,
  value,
  onChange,
  min,
  max,
  fallback = min ?? 0,
  testId,
  help,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  /** Used for empty or unparsable text, before clamping; defaults to `min`, or 0 without one. */
  fallback?: number;
  testId: string;
  help?: string;
}) {
  return (
    <Field label={label} help={help}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={value}
          onChange={(e) => onChange(clampInteger(e.target.value, fallback, min, max))}
          data-testid={testId}
        />
      )}
    </Field>
  );
}
