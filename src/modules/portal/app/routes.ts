/**
 * The portal's pages live in the URL's fragment (#/orders/<id>), so the
 * server serves one page and the browser's back button works. A route is
 * the fragment's path split into segments: "#/risks/a/b" -> ["risks", "a", "b"].
 */
export function parseRoute(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
}

export const href = (...segments: string[]) => `#/${segments.map(encodeURIComponent).join('/')}`;
