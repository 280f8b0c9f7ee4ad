// Rate limits per client address (before anything else is done for a request) and per bearer token (after
// authentication). Over the limit: 429 problem+json with Retry-After. The defaults are generous (config/auth-env.ts):
// they stop floods and token abuse, not a busy project lead or the test bot.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpProblem, sendProblem } from './problem';

export interface RateLimitSettings {
  perMinutePerToken: number;
  perMinutePerAddress: number;
}

const WINDOW_MS = 60_000;

function tooMany(req: Request, res: Response): void {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  if (!res.get('Retry-After')) res.setHeader('Retry-After', String(reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60));
  sendProblem(res, new HttpProblem(429, 'Zu viele Anfragen', 'Zu viele Anfragen in kurzer Zeit. Bitte nach der in Retry-After genannten Zeit erneut versuchen.'));
}

function bearer(req: Request): string | undefined {
  return /^Bearer (\S+)$/i.exec(req.get('Authorization') ?? '')?.[1];
}

export function addressLimit(perMinute: number) {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // IPv6 clients are grouped by /56: one host can have as many addresses as it likes within its prefix
    keyGenerator: (req) => `addr:${ipKeyGenerator(req.ip ?? 'unknown', 56)}`,
    handler: tooMany,
    // behind a proxy, TRUST_PROXY says whose X-Forwarded-For to believe; without it the header is ignored
    validate: { xForwardedForHeader: false },
  });
}

export function tokenLimit(perMinute: number) {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // the token itself never becomes a key in memory, only its hash
    keyGenerator: (req) => `token:${createHash('sha256').update(bearer(req) ?? '').digest('base64url')}`,
    skip: (req) => bearer(req) === undefined,
    handler: tooMany,
    validate: { xForwardedForHeader: false },
  });
}
