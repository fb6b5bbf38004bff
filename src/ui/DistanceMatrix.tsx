import { useMemo } from 'react';
import { pairVerdict, type ComparisonThresholds } from '../core/verdict';
import { euclidean } from '../core/vector';
import type { Face } from './ComparePage';
import { Card } from './kit/Card';
import { verdictWords } from './PairVerdict';
import { TableScroll } from './TableScroll';

/** Three or more faces: how far each is from each other, each pair coloured by Compare's verdict bands. */
export function DistanceMatrix({
  faces,
  thresholds,
}: {
  faces: readonly Face[];
  thresholds: ComparisonThresholds;
}) {
  const matrix = useMemo(
    () =>
      faces.map((a) =>
        faces.map((b) => (a.embedding && b.embedding ? euclidean(a.embedding, b.embedding) : null)),
      ),
    [faces],
  );
  return (
    <Card
      title="How far apart each face is"
      description="Smaller is more alike: green is the same person, amber not sure, red different people."
    >
      <TableScroll label="Distance between faces">
        <table className="table matrix" data-testid="distance-matrix">
          <thead>
            <tr>
              <td />
              {faces.map((_, i) => (
                <th key={i} scope="col" className="n">
                  {i + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, i) => (
              <tr key={i}>
                <th scope="row" title={faces[i]!.name}>
                  {i + 1}. {faces[i]!.name}
                </th>
                {row.map((d, j) => {
                  const kind = d === null ? 'na' : i === j ? 'self' : pairVerdict(d, thresholds);
                  return (
                    <td
                      key={j}
                      className={`n ${kind}`}
                      data-verdict={kind}
                      title={d === null || i === j ? undefined : verdictWords[pairVerdict(d, thresholds)]}
                    >
                      {d === null ? '—' : d.toFixed(3)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Card>
  );
}
