import { describe, expect, it } from 'vitest';
import { escapePlotlyText } from '../../core/evaluation/figure';
import { wrapPlotlyTitle } from './chart-data';

describe('wrapPlotlyTitle', () => {
  it('keeps a title that fits on one line', () => {
    expect(wrapPlotlyTitle('Verification ROC · AUC 0.9981', 40)).toEqual({
      text: 'Verification ROC · AUC 0.9981',
      lines: 1,
    });
  });

  it('breaks at spaces, never inside a word or an entity', () => {
    const title = escapePlotlyText('Open set · strangers: <b>Tom & Jerry</b> held out');
    const wrapped = wrapPlotlyTitle(title, 16);
    expect(wrapped.text.split('<br>')).toEqual([
      'Open set ·',
      'strangers:',
      '&lt;b&gt;Tom',
      '&amp;',
      'Jerry&lt;/b&gt;',
      'held out',
    ]);
    expect(wrapped.lines).toBe(6);
  });

  it('gives a longer word a line of its own', () => {
    expect(wrapPlotlyTitle('a supercalifragilistic b', 5).text).toBe('a<br>supercalifragilistic<br>b');
  });
});
