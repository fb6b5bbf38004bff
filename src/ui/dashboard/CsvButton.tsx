import { downloadText, safeFileName } from './download';

/** Downloads a table as CSV, built only when clicked. */
export function CsvButton({
  testId,
  filename,
  csv,
}: {
  testId: string;
  filename: string;
  csv: () => string;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={() => downloadText(`${safeFileName(filename)}.csv`, csv())}
    >
      Download CSV
    </button>
  );
}
