/** The last segment of a path, with either separator: `config/.env` -> `.env`. Pure: any layer may use it. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
