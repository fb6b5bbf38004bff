import {
  BAR_ROW_PX,
  distinctLabels,
  escapePlotlyText,
  PEOPLE_SHOWN,
  shortLabel,
  topAndRest,
  type ChartPalette,
  type Figure,
} from './evaluation/figure';

/** A person of a dataset as the photos-per-person charts see them. */
export interface CountedPerson {
  key: string;
  name: string;
  imageCount: number;
}

export type PeopleSort = 'count' | 'name';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: CountedPerson, b: CountedPerson) => collator.compare(a.name, b.name);

/** Most photos first (ties by name), or by name. */
export function sortPeople(people: readonly CountedPerson[], sort: PeopleSort): CountedPerson[] {
  return [...people].sort(sort === 'name' ? byName : (a, b) => b.imageCount - a.imageCount || byName(a, b));
}

/** People whose name holds every word of the query, in any case. */
export function findPeople(people: readonly CountedPerson[], query: string): CountedPerson[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...people];
  return people.filter((p) => {
    const name = p.name.toLocaleLowerCase();
    return words.every((w) => name.includes(w));
  });
}

/** The histogram's bins of photos per person. */
export const PHOTO_BINS = [
  { label: '1', min: 1, max: 1 },
  { label: '2–4', min: 2, max: 4 },
  { label: '5–9', min: 5, max: 9 },
  { label: '10–19', min: 10, max: 19 },
  { label: '20+', min: 20, max: Infinity },
] as const;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * Photos per person as horizontal bars, most first, each named with its count at the bar's end.
 * Over PEOPLE_SHOWN people: the first ones, then one grey bar for all the others, as long as the most
 * any of them has and labelled with their range ("1–30 each"). `customdata` holds each bar's person
 * key ('' for the others' bar).
 */
export function photosPerPersonFigure(
  people: readonly CountedPerson[],
  selected: string | null,
  palette: ChartPalette,
): Figure {
  const sorted = sortPeople(people, 'count');
  const { top, rest } = topAndRest(sorted, PEOPLE_SHOWN);
  const counts = rest.map((p) => p.imageCount);
  const fewest = Math.min(...counts);
  const most = Math.max(...counts);
  const bars = [
    ...top.map((p) => ({
      key: p.key,
      label: shortLabel(p.name),
      hover: p.name,
      value: p.imageCount,
      text: p.imageCount.toLocaleString('en'),
    })),
    ...(rest.length === 0
      ? []
      : [
          {
            key: '',
            label: `${rest.length.toLocaleString('en')} other people`,
            hover: `${rest.length.toLocaleString('en')} other people, ${counts.reduce((a, b) => a + b, 0).toLocaleString('en')} photos in all`,
            value: most,
            text: fewest === most ? `${fewest} each` : `${fewest}–${most} each`,
          },
        ]),
  ];
  const total = people.reduce((n, p) => n + p.imageCount, 0);
  const largest = Math.max(...bars.map((b) => b.value));
  const listed = top.slice(0, 10).map((p) => `${p.name} ${p.imageCount}`);
  const more = people.length - listed.length;
  return {
    title: 'Photos per person',
    summary: `${plural(people.length, 'person', 'people')}, ${plural(total, 'photo', 'photos')}, ${Math.min(...people.map((p) => p.imageCount))} to ${Math.max(...people.map((p) => p.imageCount))} each. Most photos: ${listed.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en')} more` : ''}.`,
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: distinctLabels(bars.map((b) => escapePlotlyText(b.label))),
        x: bars.map((b) => b.value),
        text: bars.map((b) => b.text),
        textposition: 'outside',
        cliponaxis: false,
        customdata: bars.map((b) => b.key),
        hovertext: bars.map((b) => escapePlotlyText(b.hover)),
        marker: {
          color: bars.map((b) =>
            b.key === '' ? palette.muted : b.key === selected ? palette.text : palette.accent,
          ),
        },
        hovertemplate: '%{hovertext}: %{text}<extra></extra>',
      },
    ],
    layout: {
      height: bars.length * BAR_ROW_PX + 60,
      margin: { r: 48 },
      // Whole photos only: a small dataset gets one tick per photo, not 0.2 steps.
      xaxis: { title: { text: 'photos' }, rangemode: 'tozero', ...(largest <= 10 ? { dtick: 1 } : {}) },
      yaxis: { type: 'category', autorange: 'reversed', tickmode: 'linear', dtick: 1 },
      showlegend: false,
    },
  };
}

/** How many people have 1, 2–4, 5–9, 10–19 and 20 or more photos, with each count on its bar. */
export function photoCountFigure(people: readonly CountedPerson[], palette: ChartPalette): Figure {
  const bins = PHOTO_BINS.map((bin) => ({
    label: bin.label,
    people: people.filter((p) => p.imageCount >= bin.min && p.imageCount <= bin.max).length,
  }));
  return {
    title: 'How many people have how many photos',
    summary: `People by number of photos: ${bins.map((b) => `${b.label} photo${b.label === '1' ? '' : 's'}: ${plural(b.people, 'person', 'people')}`).join('; ')}.`,
    data: [
      {
        type: 'bar',
        x: bins.map((b) => b.label),
        y: bins.map((b) => b.people),
        text: bins.map((b) => b.people.toLocaleString('en')),
        textposition: 'outside',
        cliponaxis: false,
        marker: { color: palette.accent },
        hovertemplate: '%{x}: %{y} people<extra></extra>',
      },
    ],
    layout: {
      xaxis: { type: 'category', title: { text: 'photos per person' } },
      yaxis: { title: { text: 'people' }, rangemode: 'tozero' },
      showlegend: false,
    },
  };
}
