const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Keeps a spreadsheet from running a text cell as a formula by prefixing a quote.
 * Apply to text only: numbers in numeric columns are written as numbers, sign included.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
