import type { ReactNode } from 'react';
import { Card } from './kit/Card';
import { Field } from './kit/Field';
import { ThresholdControl } from './ThresholdControl';

/**
 * What Camera and Compare name faces with: the face database (ready ones, or none) and the match
 * threshold, side by side where there is room; `children` adds a line of the tab's own. Test ids:
 * `${testId}-database`, `${testId}-threshold`.
 */
export function MatchSettings({
  databases,
  value,
  onSelect,
  noneLabel,
  testId,
  disabled,
  children,
}: {
  databases: readonly { id: string; name: string }[];
  value: string | null;
  onSelect: (id: string | null) => void;
  noneLabel: string;
  testId: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  return (
    <Card>
      <div className="match-settings">
        <Field label="Face database">
          {(control) => (
            <select
              {...control}
              value={value ?? ''}
              onChange={(e) => onSelect(e.target.value || null)}
              data-testid={`${testId}-database`}
              disabled={disabled}
            >
              <option value="">{noneLabel}</option>
              {databases.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ThresholdControl testId={`${testId}-threshold`} />
      </div>
      {children}
    </Card>
  );
}
