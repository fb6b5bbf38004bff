import { useEffect, type ReactNode } from 'react';
import { toCsv } from '../../core/csv';
import type { CheckedImage, ImageRole } from '../../app/dashboard-suspects';
import { pathOfImageId } from '../../state/dataset';
import { useSuspects } from '../../state/suspects';
import { CsvButton } from './CsvButton';
import type { DashboardSectionProps } from './section-props';
import { StepProgress } from './StepProgress';
import { StoredThumb } from './StoredThumb';
import { Card } from '../kit/Card';
import { Details } from '../kit/Details';
import { TableScroll } from '../TableScroll';

const ROWS_SHOWN = 50;
const dist = (d: number | null) => (d === null || !Number.isFinite(d) ? '–' : d.toFixed(3));
const ROLE: Record<ImageRole, string> = { enrolled: 'built with', probe: 'test photo', spare: 'not used' };
const file = (image: CheckedImage) => (image.imageId ? pathOfImageId(image.imageId) : '');

function ImageCell({ image }: { image: CheckedImage }) {
  return (
    <span className="thumb-name">
      <StoredThumb id={image.imageId} alt={`${image.person}: ${file(image)}`} />
      <span>
        {image.person} <span className="muted">({ROLE[image.role]})</span>
      </span>
    </span>
  );
}

/** A table of the first ROWS_SHOWN of `total` rows, hidden when empty; the card's CSV has every row. */
function CappedTable({ total, children }: { total: number; children: ReactNode }) {
  return (
    <>
      {total > 0 && children}
      {total > ROWS_SHOWN && (
        <p className="muted small">
          {ROWS_SHOWN} of {total} shown; the CSV has all.
        </p>
      )}
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

  const done = current && state.status === 'done' ? state.result : null;
  const status = (
    <>
      {current && state.status === 'running' && (
        <StepProgress
          testId="suspects"
          label={state.phase === 'scoring' ? 'Checking every photo' : 'Looking for near-copies'}
          job={state}
          onCancel={cancel}
        >
          {state.done} of {state.total}
        </StepProgress>
      )}
      {current && state.status === 'error' && (
        <p role="alert" className="error-text" data-testid="suspects-error">
          {state.message}
        </p>
      )}
      {current && state.status === 'cancelled' && (
        <p className="muted row">
          Cancelled.
          <button type="button" onClick={() => void check(data, size)} data-testid="suspects-run">
            Check again
          </button>
        </p>
      )}
    </>
  );

  return (
    <>
      <Card
        title="Photos that may be filed under the wrong person"
        titleId="dash-suspects"
        description={`Each photo against its own person’s average and the nearest other person’s, ${size} photos per person.`}
        actions={
          done && (
            <CsvButton
              testId="csv-suspects"
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
                  done.suspects.map((s) => [
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
            />
          )
        }
      >
        {status}
        {done && (
          <>
            <p className="muted small" data-testid="suspects-summary" data-count={done.suspects.length}>
              {done.suspects.length} of {done.checked} photos are nearer to another person’s average, or
              unusually far from their own.
            </p>
            <CappedTable total={done.suspects.length}>
              <TableScroll label="Suspect labels">
                <table className="table" data-testid="table-suspects">
                  <thead>
                    <tr>
                      <th className="n">#</th>
                      <th>Photo</th>
                      <th className="n">To own average</th>
                      <th>Nearest other person</th>
                      <th className="n">Difference</th>
                      <th>Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {done.suspects.slice(0, ROWS_SHOWN).map((s) => (
                      <tr
                        key={`${s.person}\n${s.role}\n${s.imageId ?? s.rank}`}
                        data-testid="suspect-row"
                        data-rank={s.rank}
                        data-margin={s.margin}
                        data-image-id={s.imageId ?? ''}
                      >
                        <td className="n">{s.rank}</td>
                        <td>
                          <ImageCell image={s} />
                        </td>
                        <td className="n">{dist(s.ownDistance)}</td>
                        <td>
                          {s.nearestOther ?? '–'} at {dist(s.otherDistance)}
                        </td>
                        <td className="n">{Number.isFinite(s.margin) ? s.margin.toFixed(3) : '–'}</td>
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
            <Details>
              <p>
                A photo the average was built from is compared with an average made without it. “Unusually
                far” is beyond {done.farCutoff.toFixed(3)}: the median distance plus three robust deviations.
              </p>
            </Details>
          </>
        )}
      </Card>
      {done && (
        <Card
          title="Near-copies"
          description="Pairs of photos so close that one is probably a copy of the other."
          actions={
            <CsvButton
              testId="csv-duplicates"
              filename={`${base}-near-duplicates`}
              csv={() =>
                toCsv(
                  ['identity_a', 'role_a', 'image_a', 'identity_b', 'role_b', 'image_b', 'distance', 'kind'],
                  done.duplicates.map((d) => [
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
            />
          }
        >
          <p className="muted small" data-testid="duplicates-summary" data-count={done.duplicates.length}>
            {done.duplicates.length} pairs: {done.duplicates.filter((d) => d.kind === 'within').length} of the
            same person, {done.duplicates.filter((d) => d.kind === 'across').length} of different people.
          </p>
          <CappedTable total={done.duplicates.length}>
            <TableScroll label="Near-duplicates">
              <table className="table" data-testid="table-duplicates">
                <thead>
                  <tr>
                    <th>Photo</th>
                    <th>Near-copy</th>
                    <th className="n">Distance</th>
                    <th>Of</th>
                  </tr>
                </thead>
                <tbody>
                  {done.duplicates.slice(0, ROWS_SHOWN).map((d) => (
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
                      <td className="n">{d.distance.toFixed(4)}</td>
                      <td>{d.kind === 'within' ? 'the same person' : 'different people'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </CappedTable>
          <Details>
            <p>
              Pairs at distance {done.threshold} or less. A re-encoded copy of a photo stays well inside this;
              different photos of one person rarely come this close.
            </p>
          </Details>
        </Card>
      )}
    </>
  );
}
