// The page's French wording that does not come from the engine: numbers, modifier names,
// how strong a charge is. The engine gives the category labels and the explanations.

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const signed = new Intl.NumberFormat('fr-FR', {
  maximumFractionDigits: 2, minimumFractionDigits: 2, signDisplay: 'exceptZero',
});
const signedDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** A number the French way: `1,5`. */
export const number = (x) => decimal.format(x);
/** At most one decimal: `41,3`. */
export const short = (x) => oneDecimal.format(x);
/** With its sign and two decimals: `−0,62`, `+0,40`, `0,00`. */
export const withSign = (x) => signed.format(x).replace('-', '−');
/** With its sign, at most two decimals: `+1,5`, `−2`. */
export const signedNumber = (x) => signedDecimal.format(x).replace('-', '−');

/** `1 passage`, `3 passages`. */
export function plural(n, one, many = `${one}s`) {
  return `${new Intl.NumberFormat('fr-FR').format(n)} ${n > 1 ? many : one}`;
}

/** What each modifier kind of the engine is called in the tooltip. */
export const MODIFIERS = {
  negation: 'négation',
  booster: 'intensifié',
  dampener: 'atténué',
  contrast_after: 'mis en avant après un contraste',
  contrast_before: 'relativisé avant un contraste',
  caps: 'en capitales',
  exclamation: 'phrase exclamative',
  exclamations: 'points d’exclamation multiples',
  scare_quotes: 'entre guillemets de distance',
  repetition: 'répétition',
};

/** The French name of a modifier kind (the kind itself when unknown). */
export const modifierLabel = (kind) => MODIFIERS[kind] ?? kind.replaceAll('_', ' ');

/** A word for a charge between 0 and 100. */
export function chargeWord(charge) {
  if (charge < 5) return 'neutre';
  if (charge < 25) return 'faible';
  if (charge < 50) return 'modérée';
  if (charge < 75) return 'forte';
  return 'très forte';
}

/** A word for a polarity between −1 and 1. */
export function polarityWord(polarity) {
  if (polarity <= -0.5) return 'très négative';
  if (polarity <= -0.1) return 'négative';
  if (polarity < 0.1) return 'neutre';
  if (polarity < 0.5) return 'positive';
  return 'très positive';
}

/**
 * A word as the engine compares it: no case, no accents, one apostrophe. For showing a
 * lexicon term only when it differs from the text, and for spotting a term already added.
 * @param {string} s
 */
export function looseKey(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, '\'').toLowerCase();
}
