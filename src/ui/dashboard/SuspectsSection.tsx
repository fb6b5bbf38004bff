import { useEffect, type ReactNode } from 'react';
import { toCsv } from '../../core/csv';
import type { CheckedImage, ImageRole } from '../../app/dashboard-suspects';
import { pathOfImageId } from '../../state/dataset';
import { useSuspects } from '../../state/suspects';
import { CsvButton } from './CsvButton';
import type { DashboardSectionProps } from './section-props';
import { StepProgress } from './StepProgress';
import { StoredThumb } from './StoredThumb';
import { TableScroll } from '../TableScroll';

const ROWS_SHOWN = 50;
const dist = (d: number | null) => (d === null || !Number.isFinite(d) ? '–' : d.toFixed(3));
const ROLE: Record<ImageRole, string> = { enrolled: 'enrolled', probe: 'held-out', spare: 'not enrolled' };
const file = (image: CheckedImage) => (image.imageId ? pathOfImageId(image.imageId) : '');

function ImageCell({ image }: { image: CheckedImage }) {
  return (
    <>
      <StoredThumb id={image.imageId} alt={`${image.person}: ${file(image)}`} /> {image.person}{' '}
      <span className="muted">({ROLE[image.role]})</span>
    </>
  );
}

/** Frames a table of the first ROWS_SHOWN of `total` rows: hidden when empty, then a CSV of every row. */
function CappedTable({
  total,
  csvTestId,
  filename,
  csv,
  children,
}: {
  total: number;
  csvTestId: string;
  filename: string;
  csv: () => string;
  children: ReactNode;
}) {
  return (
    <>
      {total > 0 && children}
      {total > ROWS_SHOWN && (
        <p className="muted">
          {ROWS_SHOWN} of {total} shown; the CSV has all.
        </p>
      )}
      <CsvButton testId={csvTestId} filename={filename} csv={csv} />
    </>
  );
}

/** Images whose label looks wrong, and near-identical images, from the evaluation's stored embeddings. */
export function SuspectsSection({ data, report, base }: DashboardSectionProps) {
  const { data: checked, state, check, cancel } = useSuspects();
  const size = report.size;
  useEffect(() => {
    if (checked !== data) void check(data, size);
  }, [checked, data, size, check]);
  const current = checked === data;

  return (
    <section aria-labelledby="dash-suspects">
      <h3 id="dash-suspects">Suspect labels and near-duplicates</h3>
      <p className="muted">
        Every image of the evaluation against its own person’s average (without the image itself when it is
        enrolled) and the nearest other person’s average, {size} enrolled per person.
      </p>
      {current && state.status === 'running' && (
        <StepProgress
          testId="suspects"
          label={state.phase === 'scoring' ? 'Checking labels' : 'Searching for near-duplicates'}
          job={state}
          onCancel={cancel}
        >
          {state.done} / {state.total}
        </StepProgress>
      )}
      {current && state.status === 'error' && (
        <p role="alert" className="error-text" data-testid="suspects-error">
          {state.message}
        </p>
      )}
      {current && state.status === 'cancelled' && (
        <p className="muted">
          Cancelled.{' '}
          <button type="button" onClick={() => void check(data, size)} data-testid="suspects-run">
            Check again
          </button>
        </p>
      )}
      {current && state.status === 'done' && (
        <>
          <h4>Suspect labels</h4>
          <p className="muted" data-testid="suspects-summary" data-count={state.result.suspects.length}>
            {state.result.suspects.length} of {state.result.checked} images are nearer to another person’s
            average or farther than {state.result.farCutoff.toFixed(3)} (median + 3 robust deviations) from
            their own.
          </p>
          <CappedTable
            total={state.result.suspects.length}
            csvTestId="csv-suspects"
            filename={`${base}-suspect-labels`}
            csv={() =>
              toCsv(
                [
                  'rank',
                  'identity',
                  'role',
                  'image',
                  'own_distance',
                  'nearest_other',
                  'other_distance',
                  'margin',
                  'reasons',
                ],
                state.result.suspects.map((s) => [
                  s.rank,
                  s.person,
                  s.role,
                  file(s),
                  s.ownDistance,
                  s.nearestOther,
                  s.otherDistance,
                  s.margin,
                  s.reasons.join(';'),
                ]),
              )
            }
          >
            <TableScroll label="Suspect labels">
              <table className="db-table" data-testid="table-suspects">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Image</th>
                    <th>To own average</th>
                    <th>Nearest other person</th>
                    <th>Own − other</th>
                    <th>Why</th>
                  </tr>
                </thead>
                <tbody>
                  {state.result.suspects.slice(0, ROWS_SHOWN).map((s) => (
                    <tr
                      key={`${s.person}\n${s.role}\n${s.imageId ?? s.rank}`}
                      data-testid="suspect-row"
                      data-rank={s.rank}
                      data-margin={s.margin}
                      data-image-id={s.imageId ?? ''}
                    >
                      <td>{s.rank}</td>
                      <td>
                        <ImageCell image={s} />
                      </td>
                      <td>{dist(s.ownDistance)}</td>
                      <td>
                        {s.nearestOther ?? '–'} at {dist(s.otherDistance)}
                      </td>
                      <td>{Number.isFinite(s.margin) ? s.margin.toFixed(3) : '–'}</td>
                      <td>
                        {s.reasons
                          .map((r) =>
                            r === 'nearer-other' ? 'nearer to someone else' : 'far from own average',
                          )
                          .join(', ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </CappedTable>

          <h4>Near-duplicates</h4>
          <p className="muted" data-testid="duplicates-summary" data-count={state.result.duplicates.length}>
            {state.result.duplicates.length} pairs of images at distance ≤ {state.result.threshold} (a
            re-encoded copy of a photo stays well inside this; different photos of one person rarely come this
            close): {state.result.duplicates.filter((d) => d.kind === 'within').length} within a person,{' '}
            {state.result.duplicates.filter((d) => d.kind === 'across').length} across people.
          </p>
          <CappedTable
            total={state.result.duplicates.length}
            csvTestId="csv-duplicates"
            filename={`${base}-near-duplicates`}
            csv={() =>
              toCsv(
                ['identity_a', 'role_a', 'image_a', 'identity_b', 'role_b', 'image_b', 'distance', 'kind'],
                state.result.duplicates.map((d) => [
                  d.a.person,
                  d.a.role,
                  file(d.a),
                  d.b.person,
                  d.b.role,
                  file(d.b),
                  d.distance,
                  d.kind,
                ]),
              )
            }
          >
            <TableScroll label="Near-duplicates">
              <table className="db-table" data-testid="table-duplicates">
                <thead>
                  <tr>
                    <th>Image</th>
                    <th>Near-duplicate</th>
                    <th>Distance</th>
                    <th>Kind</th>
                  </tr>
                </thead>
                <tbody>
                  {state.result.duplicates.slice(0, ROWS_SHOWN).map((d) => (
                    <tr
                      key={`${d.a.imageId}\n${d.b.imageId}\n${d.a.role}\n${d.b.role}`}
                      data-testid="duplicate-row"
                      data-kind={d.kind}
                      data-a={file(d.a)}
                      data-b={file(d.b)}
                      data-distance={d.distance}
                    >
                      <td>
                        <ImageCell image={d.a} />
                      </td>
                      <td>
                        <ImageCell image={d.b} />
                      </td>
                      <td>{d.distance.toFixed(4)}</td>
                      <td>{d.kind === 'within' ? 'same person' : 'different people'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </CappedTable>
        </>
      )}
    </section>
  );
}
