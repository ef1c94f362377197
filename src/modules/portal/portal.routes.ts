import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import helmet from 'helmet';

/**
 * The portal's Content-Security-Policy: everything comes from the server
 * itself (the bundle, its styles, the API over HTTP and WebSocket: CSP 3's
 * 'self' covers ws: and wss: of the same host); no inline script, no plugin,
 * no framing by another site, forms post only here.
 */
export const PORTAL_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The supplier portal: the bundle from the project's own build, served at /portal by the API server, with the security headers. */
export function portalRouter(portalDir: string): Router {
  const router = express.Router();
  // helmet sets the usual headers (nosniff, frame options, referrer policy, cross-origin isolation, HSTS behind TLS) and
  // the policy above; the portal uses no inline script or style, so nothing needs 'unsafe-inline'.
  router.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: PORTAL_CSP },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  router.use(express.static(portalDir, { index: 'index.html', maxAge: '5m' }));
  router.get('/{*rest}', (_req, res) => {
    const index = path.join(portalDir, 'index.html');
    if (existsSync(index)) res.sendFile(index);
    else res.status(404).type('text').send('The portal is not built: run npm run build');
  });
  return router;
}
