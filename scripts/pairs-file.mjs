// @ts-check
// LFW's pairs.txt, built from people with numbered images (`<Name>/<Name>_<nnnn>.jpg`), shared by
// make-lfw-pairs.mjs and make-pins-pairs.mjs. As in LFW, folds are person-disjoint: people (in the
// order given) are dealt into folds in contiguous blocks, and each fold's pairs use only its people.
// Deterministic: same-person pairs go round the fold's people taking image combinations in order;
// different-person pairs go round the fold's pairs of people, stepping through each one's images
// (and through the second one's against each of the first's).

/** @typedef {{ name: string; numbers: number[] }} NumberedPerson */

/**
 * The fold groups and the most same-person pairs every fold can give.
 * @param {NumberedPerson[]} people
 * @param {number} folds
 */
export function foldGroups(people, folds) {
  const groups = Array.from({ length: folds }, (_, f) =>
    people.slice(Math.floor((f * people.length) / folds), Math.floor(((f + 1) * people.length) / folds)),
  );
  const largestSame = Math.min(
    ...groups.map((g) => g.reduce((s, p) => s + (p.numbers.length * (p.numbers.length - 1)) / 2, 0)),
  );
  return { groups, largestSame };
}

/**
 * The file's text; throws when a fold has too few distinct pairs.
 * @param {NumberedPerson[][]} groups
 * @param {number} perFold
 */
export function pairsText(groups, perFold) {
  const lines = [`${groups.length}\t${perFold}`];
  for (const group of groups) {
    // Same person: every (i < j) combination, people taken in turn.
    const combos = group.map((p) =>
      p.numbers.flatMap((a, i) => p.numbers.slice(i + 1).map((b) => `${p.name}\t${a}\t${b}`)),
    );
    const same = [];
    for (let round = 0; same.length < perFold; round++)
      for (const c of combos) if (c[round] && same.length < perFold) same.push(c[round]);
    // Different people: pairs of people in turn, each round moving to both people's next image.
    const duos = group.flatMap((a, i) => group.slice(i + 1).map((b) => [a, b]));
    const different = new Set();
    for (let k = 0; different.size < perFold; k++) {
      if (k > perFold * duos.length * 4)
        throw new Error(`Not enough distinct different-person pairs in the fold of ${group[0]?.name}`);
      const [a, b] = /** @type {[NumberedPerson, NumberedPerson]} */ (duos[k % duos.length]);
      const round = Math.floor(k / duos.length);
      different.add(
        // b's image also shifts by one every full round of a's, so n × n combinations are reachable.
        `${a.name}\t${a.numbers[round % a.numbers.length]}\t${b.name}\t${b.numbers[(round + Math.floor(round / a.numbers.length)) % b.numbers.length]}`,
      );
    }
    lines.push(...same, ...different);
  }
  return lines.join('\n') + '\n';
}
