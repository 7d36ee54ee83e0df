/** `UPDATE … RETURNING` rows: the postgres driver answers `[rows, count]`, PGlite's the rows. */
export function rowsOf<T>(result: [T[], number] | T[]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}
