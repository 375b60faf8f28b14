/** `text` with `%`, `_` and `\` escaped, so a `LIKE`/`ILIKE` pattern built from it takes them literally. */
export function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A `LIKE`/`ILIKE` pattern matching `text` anywhere, with `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${likeEscaped(text)}%`;
}
