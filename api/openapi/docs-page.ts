// The human-readable API docs at /docs: a small page of our own that renders /openapi.json in the browser. Served
// from this process, so it works without internet access and within the same-origin Content-Security-Policy.
import path from 'node:path';
import express from 'express';

const DIR = path.join(__dirname, 'docs');

export function docsPage(): express.Router {
  const r = express.Router();
  r.get(['/docs', '/docs/'], (_req, res) => {
    res.sendFile(path.join(DIR, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } });
  });
  r.get('/docs/docs.js', (_req, res) => res.sendFile(path.join(DIR, 'docs.js'), { headers: { 'Cache-Control': 'no-cache' } }));
  r.get('/docs/docs.css', (_req, res) => res.sendFile(path.join(DIR, 'docs.css'), { headers: { 'Cache-Control': 'no-cache' } }));
  return r;
}
