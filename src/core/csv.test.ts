import { expect, it } from 'vitest';
import { toCsv } from './csv';

it('quotes, escapes and defuses formulas', () => {
  expect(
    toCsv(
      ['name', 'n'],
      [
        ['A, "B"', 1],
        ['=cmd()', null],
        ['x', Number.NaN],
        ['-1', -0.5],
      ],
    ),
  ).toBe('name,n\r\n"A, ""B""",1\r\n\'=cmd(),\r\nx,\r\n\'-1,-0.5\r\n');
});
