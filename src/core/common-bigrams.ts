/**
 * The letter pairs that make up 98% of the pairs inside identifier words in English-language
 * code: 254 of the 676 possible pairs, counted over 6 million pairs in the TypeScript declaration
 * files of this project's dependencies (words split at case changes, lower-cased). Random text
 * uses every pair about equally, so only about 38% of its pairs are in this set; words use them
 * almost always. Stored as one string of concatenated pairs.
 */
const PAIRS =
  'abacadagaialamanaparasatauavayazbabebibjblbobrbucacccechcickclcocrctcucydadddedidldodsdueaebecedeeefegelemenepeqeresetevewexeyfafefffiflfofrfugegggiglgngrgsguhahehihohrhtiaibicidieifigikiliminioipirisitivizjekekiknkslalbldlelilllolsltlulymambmemimlmmmompmsmunancndnenfngninknlnnnonsntnunvnyoaobocodofogoiojokolomonoooporosotouovowpapdpepiplpoppprpsptpuqurarcrdrerfrgrirkrlrmrnrorrrsrtrurvrysascseshsisksospssstsusytatctethtitltotptrtstttutyuaubucudueufuiulumunupurusutvavevivowawewhwiwnwowrwsxpxtymynypyszezu';

const COMMON = new Set<string>();
for (let i = 0; i < PAIRS.length; i += 2) {
  COMMON.add(PAIRS.slice(i, i + 2));
}

/** The share of adjacent letter pairs inside `words` that are common in English identifiers (1 when there are none). */
export function commonBigramShare(words: readonly string[]): number {
  let pairs = 0;
  let common = 0;
  for (const word of words) {
    const w = word.toLowerCase();
    for (let i = 1; i < w.length; i++) {
      pairs++;
      if (COMMON.has(w.slice(i - 1, i + 1))) {
        common++;
      }
    }
  }
  return pairs === 0 ? 1 : common / pairs;
}
