import { useMemo } from 'react';
import { accepts } from '../core/threshold';
import { euclidean } from '../core/vector';
import type { Face } from './ComparePage';
import { Card } from './kit/Card';
import { TableScroll } from './TableScroll';

/** Three or more faces: how far each is from each other, the pairs within the threshold marked. */
export function DistanceMatrix({ faces, threshold }: { faces: readonly Face[]; threshold: number }) {
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
      description={`Smaller is more alike; up to ${threshold.toFixed(2)} counts as the same person (marked ✓).`}
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
                  const kind =
                    d === null ? 'na' : i === j ? 'self' : accepts(d, threshold) ? 'same' : 'different';
                  return (
                    <td key={j} className={`n ${kind}`}>
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
