import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

export const DEFAULT_PORTAL_DIR = path.resolve(process.cwd(), 'dist/portal');

/** Bundles the portal (TypeScript + Preact) with esbuild and copies its page and styles: everything served by the server, no CDN. */
export async function buildPortal(outDir = DEFAULT_PORTAL_DIR): Promise<string> {
  // The sources ship with the project (npm start builds from a checkout).
  const source = path.resolve(process.cwd(), 'src/modules/portal/app');
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(source, 'main.tsx')],
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outfile: path.join(outDir, 'app.js'),
    logLevel: 'silent',
  });
  await copyFile(path.join(source, 'index.html'), path.join(outDir, 'index.html'));
  await copyFile(path.join(source, 'styles.css'), path.join(outDir, 'styles.css'));
  return outDir;
}
