// Structured logs (pino): one JSON line per request and per failure, each with the request id that the client also
// sees (X-Request-Id, `requestId` in problems). Logged are method, path without query, status and duration — never
// headers (tokens, signatures), query strings or bodies, which may carry personal data.
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import pinoHttp from 'pino-http';

export type { Logger } from 'pino';

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ku-onboarding-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // belt and braces: should a header object ever reach a log call, these fields are censored
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-signature"]', 'headers.authorization', 'authorization', 'token', '*.token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0].slice(0, 300);
}

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    // the id set by the request-id middleware, so log lines and problem responses agree
    genReqId: (_req: IncomingMessage, res: ServerResponse) => ((res as ServerResponse & { locals?: { requestId?: string } }).locals?.requestId ?? ''),
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; raw?: IncomingMessage }) => ({
        id: req.id, method: req.method, path: pathOnly((req.raw as IncomingMessage & { originalUrl?: string })?.originalUrl ?? req.url),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // probes would drown everything else
    autoLogging: { ignore: (req) => ['/healthz', '/readyz'].includes(pathOnly(req.url)) },
    quietReqLogger: true,
  });
}
