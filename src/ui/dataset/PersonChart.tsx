import { useMemo } from 'react';
import { PEOPLE_SHOWN } from '../../core/evaluation/figure';
import {
  PHOTO_BINS,
  photoCountFigure,
  photosPerPersonFigure,
  type CountedPerson,
} from '../../core/people-chart';
import { PlotlyChart } from '../dashboard/PlotlyChart';
import { useChartTheme } from '../useChartTheme';
import { PeopleTable } from './PeopleTable';

interface Props {
  people: readonly CountedPerson[];
  selected: string | null;
  /** Called with the person key of the chosen bar or row. */
  onSelect(key: string): void;
}

/**
 * Photos per person, readable from 8 people to thousands: up to PEOPLE_SHOWN people, a named bar
 * each; beyond, the people with most photos and one bar for the rest, how many people have how many
 * photos, and a table of everyone to search and sort.
 */
export function PersonChart({ people, selected, onSelect }: Props) {
  const theme = useChartTheme();
  const many = people.length > PEOPLE_SHOWN + 1;
  const bars = useMemo(() => photosPerPersonFigure(people, selected, theme), [people, selected, theme]);
  const histogram = useMemo(() => (many ? photoCountFigure(people, theme) : null), [many, people, theme]);
  return (
    <div className={many ? 'people-charts many' : 'people-charts'}>
      <PlotlyChart
        testId="identity-chart"
        figure={bars}
        points={people.length}
        caption={
          many
            ? `The ${PEOPLE_SHOWN} people with most photos, then everyone else in one bar. Choose a bar to see that person’s photos.`
            : 'Choose a bar to see that person’s photos.'
        }
        onClick={(key) => {
          if (typeof key === 'string' && key !== '') onSelect(key);
        }}
      />
      {histogram && <PlotlyChart testId="photo-count-chart" figure={histogram} points={PHOTO_BINS.length} />}
      {many && <PeopleTable people={people} selected={selected} onSelect={onSelect} />}
    </div>
  );
}
