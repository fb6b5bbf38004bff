import { describe, expect, it } from 'vitest';
import { PEOPLE_SHOWN, type ChartPalette } from './evaluation/figure';
import {
  findPeople,
  photoCountFigure,
  photosPerPersonFigure,
  sortPeople,
  type CountedPerson,
} from './people-chart';

const palette: ChartPalette = {
  text: '#111',
  muted: '#666',
  grid: '#ddd',
  surface: '#fff',
  accent: '#36d',
  right: '#3a6',
  wrong: '#e44',
};
const person = (name: string, imageCount: number): CountedPerson => ({
  key: `set/${name}`,
  name,
  imageCount,
});
type Bars = { x: number[]; y: string[]; text: string[]; customdata: string[] };

describe('photos per person', () => {
  it('up to 20 people: one named bar each, most photos first, the count at its end', () => {
    const people = [person('Raj', 3), person('<b>Amy</b>', 5), person('Penny', 5)];
    const f = photosPerPersonFigure(people, null, palette);
    const bars = f.data[0] as Bars;
    expect(bars.y).toEqual(['&lt;b&gt;Amy&lt;/b&gt;', 'Penny', 'Raj']);
    expect(bars.x).toEqual([5, 5, 3]);
    expect(bars.text).toEqual(['5', '5', '3']);
    expect(bars.customdata).toEqual(['set/<b>Amy</b>', 'set/Penny', 'set/Raj']);
    expect(f.summary).toContain('3 people, 13 photos, 3 to 5 each');
  });

  it('1,000 people: the 20 with most photos, then one bar from the fewest to the most of the rest', () => {
    const people = Array.from({ length: 1000 }, (_, i) =>
      person(`Person ${i}`, i < 25 ? 50 - i : (i % 7) + 1),
    );
    const f = photosPerPersonFigure(people, null, palette);
    const bars = f.data[0] as Bars;
    expect(bars.y).toHaveLength(PEOPLE_SHOWN + 1);
    expect(bars.y.at(-1)).toBe('980 other people');
    expect(bars.x.at(-1)).toBe(30);
    expect(bars.text.at(-1)).toBe('1–30 each');
    expect(bars.customdata.at(-1)).toBe('');
    // Every bar has a row of its own: the chart grows with the bars, not with the people.
    expect(f.layout.height).toBeLessThan(700);
  });

  it('the histogram counts people in 1, 2–4, 5–9, 10–19 and 20 or more photos', () => {
    const people = [1, 1, 2, 4, 5, 9, 10, 19, 20, 237].map((n, i) => person(`P${i}`, n));
    const bars = photoCountFigure(people, palette).data[0] as Bars;
    expect(bars.x).toEqual(['1', '2–4', '5–9', '10–19', '20+']);
    expect(bars.y).toEqual([2, 2, 2, 2, 2]);
  });

  it('finds people by every word of the query, in any case, and sorts by photos or name', () => {
    const people = [person('Amy Farrah Fowler', 5), person('Penny', 7), person('Amy Adams', 9)];
    expect(findPeople(people, 'amy').map((p) => p.name)).toEqual(['Amy Farrah Fowler', 'Amy Adams']);
    expect(findPeople(people, 'FOWLER amy').map((p) => p.name)).toEqual(['Amy Farrah Fowler']);
    expect(findPeople(people, '  ')).toHaveLength(3);
    expect(sortPeople(people, 'count').map((p) => p.imageCount)).toEqual([9, 7, 5]);
    expect(sortPeople(people, 'name').map((p) => p.name)).toEqual([
      'Amy Adams',
      'Amy Farrah Fowler',
      'Penny',
    ]);
  });
});
