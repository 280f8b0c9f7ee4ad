// The standalone worker logs JSON lines, like the API (pino): one per SDK log entry. Workflow and activity lines
// carry the SDK's own attributes (workflowId, runId, workflowType, activityType, taskQueue), so an operator follows
// a run from the API's request log into the worker's. The SDK logs no payloads, so no personal data gets here.
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
import pino from 'pino';

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const SDK_LEVEL: Record<PinoLevel, LogLevel> = { fatal: 'ERROR', error: 'ERROR', warn: 'WARN', info: 'INFO', debug: 'DEBUG', trace: 'TRACE', silent: 'ERROR' };

export function workerLogger(level: PinoLevel, destination?: pino.DestinationStream): DefaultLogger {
  const out = pino({ level, base: { service: 'ku-onboarding-worker' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return new DefaultLogger(SDK_LEVEL[level], (entry: LogEntry) => {
    const { error, ...meta }: Record<string, unknown> = entry.meta ?? {};
    // pino serialises errors (message, stack) under `err`
    const fields = error instanceof Error ? { ...meta, err: error } : { ...meta, ...(error !== undefined ? { error } : {}) };
    out[entry.level.toLowerCase() as Lowercase<LogLevel>](fields, entry.message);
  });
}
