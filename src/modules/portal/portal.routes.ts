import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** The supplier portal: the bundle from the project's own build, served at /portal by the API server. */
export function portalRouter(portalDir: string): Router {
  const router = express.Router();
  router.use(express.static(portalDir, { index: 'index.html', maxAge: '5m' }));
  router.get('/{*rest}', (_req, res) => {
    const index = path.join(portalDir, 'index.html');
    if (existsSync(index)) res.sendFile(index);
    else res.status(404).type('text').send('The portal is not built: run npm run build');
  });
  return router;
}
