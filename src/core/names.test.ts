import { describe, expect, it } from 'vitest';
import { personFromFolder, UNNAMED } from './names';

describe('personFromFolder', () => {
  it.each([
    ['pins_amber heard', 'Amber Heard'],
    ['PINS_Amber Heard', 'Amber Heard'],
    ['Pins_tom holland', 'Tom Holland'],
    ['George_W_Bush', 'George W Bush'],
    ['Lim_Dong-won', 'Lim Dong-won'],
    ['mcphee', 'Mcphee'],
    ['McPhee', 'McPhee'],
    ['DJ_Qualls', 'DJ Qualls'],
    ['  pins_  jason   momoa__ ', 'Jason Momoa'],
    ['émile_zola', 'Émile Zola'],
    ['Tab\there', 'Tab Here'],
    ['line\nbreak', 'Line Break'],
    ['𝒜lice', '𝒜lice'],
    ['pins', 'Pins'],
    ['pins_pins_x', 'Pins X'],
    ['<b>Bold</b>', '<b>Bold</b>'],
  ])('%j → %j', (folder, name) => {
    expect(personFromFolder(folder)).toBe(name);
  });

  it.each(['', '   ', 'pins_', 'PINS_ ', '___', '\u0000'])('%j is Unnamed', (folder) => {
    expect(personFromFolder(folder)).toBe(UNNAMED);
  });

  it('only strips pins_ at the start', () => {
    expect(personFromFolder('xpins_y')).toBe('Xpins Y');
  });
});
