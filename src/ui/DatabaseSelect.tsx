import { Field } from './kit/Field';

/** The "Face database" picker that Camera and Compare share: ready databases, or none. */
export function DatabaseSelect({
  databases,
  value,
  onSelect,
  noneLabel,
  testId,
  disabled,
}: {
  databases: readonly { id: string; name: string }[];
  value: string | null;
  onSelect: (id: string | null) => void;
  noneLabel: string;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <Field label="Face database">
      {(control) => (
        <select
          {...control}
          value={value ?? ''}
          onChange={(e) => onSelect(e.target.value || null)}
          data-testid={testId}
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
  );
}
