import { useEffect, useState } from 'preact/hooks';
import { parseRoute } from './routes';

export { href, parseRoute } from './routes';

/** The current route, following the fragment as it changes (links, back and forward). */
export function useRoute(): string[] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
