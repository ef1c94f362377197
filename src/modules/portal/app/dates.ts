/** Calendar dates (YYYY-MM-DD, UTC), as the API uses them. */
export const today = () => new Date().toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
/** The portal's one date format: ISO 8601 with the year, as the API gives it ("2026-12-05"); "—" without a date. */
export const formatDate = (date: string | null | undefined) => (date ? date.slice(0, 10) : '—');
/** A moment (the API's DateTime) as "2026-11-30 14:05 UTC"; "—" without one. */
export const formatDateTime = (moment: string | null | undefined) => {
  if (!moment) return '—';
  const at = new Date(moment);
  if (Number.isNaN(at.getTime())) return '—';
  return `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`;
};
