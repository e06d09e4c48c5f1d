/** The UTC date `days` from today (negative: before), as YYYY-MM-DD: how annotations and the inventory write dates. */
export function dayFromToday(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}
