export const UNNAMED = 'Unnamed';

function capitalise(word: string): string {
  // By code point, so a name starting with an astral character is not split in half.
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first.toUpperCase() + word.slice(first.length);
}

/**
 * Display name for a person folder: `pins_amber heard` → "Amber Heard" (Pinterest dataset),
 * `George_W_Bush` → "George W Bush" (LFW). Only the first letter of each word is raised; the rest
 * is kept, so "McPhee", "Dong-won" and "DJ" survive. Plain text: callers render it, never as HTML.
 */
export function personFromFolder(folderName: string): string {
  const words = folderName
    .trim()
    .replace(/^pins_/i, '')
    .replace(/[\s_\p{Cc}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .map(capitalise);
  return words.length > 0 ? words.join(' ') : UNNAMED;
}
