// Serves the German web UI (built into web/dist) at `/`. Client-side routes fall back to index.html.
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

/** The project root: the nearest directory with a package.json, from api/ under ts-node and from dist/api/ compiled. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export const WEB_DIST = path.join(projectRoot(__dirname), 'web', 'dist');

export function webApp(): express.Router {
  const r = express.Router();
  r.use(express.static(WEB_DIST, { index: 'index.html', maxAge: '1h', fallthrough: true }));
  r.get(/^\/(?!api\/|openapi\.json|healthz|readyz|metrics).*/, (req: Request, res: Response, next: NextFunction) => {
    const index = path.join(WEB_DIST, 'index.html');
    if (!req.accepts('html') || !fs.existsSync(index)) return next();
    res.sendFile(index);
  });
  return r;
}
