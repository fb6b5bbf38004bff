import type { ReactNode } from 'react';
import { IntegerInput } from './IntegerInput';

/**
 * The seeded split's fields, shared by the forms that hold test images out (the Dashboard's
 * evaluation, the Databases tab's build): test images per person, any fields of the form's own
 * (`children`), then the seed.
 */
export function SplitFields({
  testLabel,
  testPerPerson,
  onTestPerPerson,
  minTest,
  testHelp,
  seed,
  onSeed,
  testIds,
  children,
}: {
  testLabel: string;
  testPerPerson: number;
  onTestPerPerson: (value: number) => void;
  minTest: number;
  testHelp?: string;
  seed: number;
  onSeed: (value: number) => void;
  testIds: { testPerPerson: string; seed: string };
  children?: ReactNode;
}) {
  return (
    <>
      <IntegerInput
        label={testLabel}
        value={testPerPerson}
        onChange={onTestPerPerson}
        min={minTest}
        testId={testIds.testPerPerson}
        help={testHelp}
      />
      {children}
      <IntegerInput
        label="Seed"
        value={seed}
        onChange={onSeed}
        testId={testIds.seed}
        help="The same seed picks the same photos again."
      />
    </>
  );
}
