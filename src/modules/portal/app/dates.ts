/** Calendar dates (YYYY-MM-DD), as the API uses them. */

let zone = 'UTC';
/** The signed-in organization's time zone: "today" in the portal is the local date there, as the server counts it (DESIGN.md, Local dates). */
export const setTimeZone = (timeZone: string) => {
  zone = timeZone;
};
/** Today in the organization's time zone (en-CA writes YYYY-MM-DD). */
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
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
