// The API's connection to Temporal. The SDK retries an unavailable server ten times with growing backoff, which
// holds a request for about 20 s before it fails; a person at the UI (and a load balancer's health check) is better
// served by a 503 with Retry-After within a few seconds. A short Temporal restart is still ridden out.
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/** 7 attempts, 100 ms growing by 1.7: about 3 s of retrying before the request answers 503. */
const API_RETRY = defaultGrpcRetryOptions({ maxAttempts: 7 });

export function connectApiToTemporal(address: string): Promise<Connection> {
  return Connection.connect({ address, interceptors: [makeGrpcRetryInterceptor(API_RETRY)] });
}
