import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { repoRoot } from '../../core/repo-root';

/** Serves the built Angular apps: the console at /console, the SSP at /ssp, each with SPA fallback. */
export function serveStaticApps(server: Express): string[] {
  const served: string[] = [];
  for (const app of ['console', 'ssp']) {
    const dir = join(repoRoot(), 'dist', app, 'browser');
    if (!existsSync(join(dir, 'index.html'))) continue;
    server.use(`/${app}`, express.static(dir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForIndex }));
    server.get(`/${app}/{*rest}`, (_req, res) => res.sendFile(join(dir, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
    served.push(app);
  }
  return served;
}

function noCacheForIndex(res: express.Response, path: string): void {
  if (path.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
}
