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
export const formatDate = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
