import { useMemo } from 'react';
import { errorMessage } from '../../core/errors';
import { toCsv } from '../../core/csv';
import { confusionFigure, perPersonFigure } from '../../core/evaluation/people-figures';
import { analysePeople, type PerPersonReport } from '../../core/evaluation/people';
import { pathOfImageId } from '../../state/dataset';
import { CsvButton } from './CsvButton';
import type { DashboardSectionProps } from './section-props';
import { safeFileName } from './download';
import { PlotlyChart } from './PlotlyChart';
import { StoredThumb } from './StoredThumb';
import { Card } from '../kit/Card';
import { Details } from '../kit/Details';
import { TableScroll } from '../TableScroll';
import { useChartTheme } from '../useChartTheme';

const PAIRS_SHOWN = 20;
const PROBES_SHOWN = 6;

/** Held-out accuracy per person, the most-confused pairs with their images, and an ordered confusion heatmap. */
export function PerPersonSection({ data, report, base }: DashboardSectionProps) {
  const result = useMemo(() => {
    try {
      return { people: analysePeople(data, report), error: null };
    } catch (e) {
      return { people: null, error: errorMessage(e) };
    }
  }, [data, report]);
  if (!result.people) {
    return (
      <Card title="Each person" titleId="dash-people">
        <p role="alert" className="error-text">
          The per-person view could not be computed: {result.error}
        </p>
      </Card>
    );
  }
  return <PerPersonView people={result.people} size={report.size} base={base} />;
}

function PerPersonView({ people, size, base }: { people: PerPersonReport; size: number; base: string }) {
  const n = people.order.length;

  const theme = useChartTheme();
  const barChart = useMemo(() => perPersonFigure(people.accuracy, size, theme), [people, size, theme]);
  const heatmap = useMemo(() => confusionFigure(people, theme), [people, theme]);

  const pairs = people.pairs;
  return (
    <>
      <Card
        title="Each person"
        titleId="dash-people"
        description="How often each person’s test photos were named right, worst first."
        actions={
          <CsvButton
            testId="csv-per-person"
            filename={`${base}-per-person`}
            csv={() =>
              toCsv(
                ['identity', 'tested', 'correct', 'top1', 'ci95_low', 'ci95_high'],
                people.accuracy.map((p) => [p.person, p.tested, p.correct, p.top1, p.ci95[0], p.ci95[1]]),
              )
            }
          />
        }
      >
        <PlotlyChart
          inCard
          testId="chart-per-person"
          caption={`${people.accuracy.length.toLocaleString('en')} people with test photos; the CSV lists everyone`}
          points={people.accuracy.length}
          filename={safeFileName(`${base}-per-person`)}
          figure={barChart}
        />
      </Card>
      <Card
        title="Most often confused"
        description="Whose test photos were taken for whom."
        actions={
          <CsvButton
            testId="csv-confused"
            filename={`${base}-confused-pairs`}
            csv={() =>
              toCsv(
                ['true_identity', 'predicted', 'count', 'probe_images'],
                pairs.map((p) => [
                  p.truePerson,
                  p.predicted,
                  p.count,
                  p.probeIds.map(pathOfImageId).join(';'),
                ]),
              )
            }
          />
        }
      >
        {pairs.length === 0 ? (
          <p className="muted" data-testid="confused-none">
            No test photo was nearer to someone else’s average.
          </p>
        ) : (
          <TableScroll label="Most often confused">
            <table className="table" data-testid="table-confused">
              <thead>
                <tr>
                  <th>Person</th>
                  <th>Taken for</th>
                  <th className="n">Photos</th>
                  <th>The photos</th>
                </tr>
              </thead>
              <tbody>
                {pairs.slice(0, PAIRS_SHOWN).map((p) => (
                  <tr key={`${p.truePerson}\n${p.predicted}`} data-testid="confused-row" data-count={p.count}>
                    <td>
                      <PersonThumb id={p.trueExample} name={p.truePerson} />
                    </td>
                    <td>
                      <PersonThumb id={p.predictedExample} name={p.predicted} />
                    </td>
                    <td className="n">{p.count}</td>
                    <td>
                      <span className="thumb-name">
                        {p.probeIds.slice(0, PROBES_SHOWN).map((id) => (
                          <StoredThumb key={id} id={id} alt={`${p.truePerson}: ${pathOfImageId(id)}`} />
                        ))}
                        {p.probeIds.length > PROBES_SHOWN && ` +${p.probeIds.length - PROBES_SHOWN}`}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pairs.length > PAIRS_SHOWN && (
          <p className="muted small">
            {PAIRS_SHOWN} of {pairs.length} pairs shown; the CSV has all.
          </p>
        )}
      </Card>
      <Card
        title="Who is confused with whom"
        description="People who look alike sit side by side, so confusions gather near the diagonal."
        actions={
          <CsvButton
            testId="csv-confusion"
            filename={`${base}-confusion`}
            csv={() =>
              toCsv(
                ['true_identity', ...people.order],
                people.confusion.map((row, t) => [people.order[t]!, ...row]),
              )
            }
          />
        }
      >
        <PlotlyChart
          inCard
          testId="chart-confusion"
          caption="Rows: whose photo it was. Columns: who it was taken for. People with similar faces sit next to each other; the CSV has everyone."
          points={n * n}
          filename={safeFileName(`${base}-confusion`)}
          figure={heatmap}
        />
        <Details>
          <p>People are ordered by average-linkage clustering of their average face prints.</p>
        </Details>
      </Card>
    </>
  );
}

/** A person's name beside one of the photos their face print was built from. */
function PersonThumb({ id, name }: { id: string | null; name: string }) {
  return (
    <span className="thumb-name">
      <StoredThumb id={id} alt={`${name}, a photo the database was built from`} /> {name}
    </span>
  );
}
