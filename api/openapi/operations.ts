// How each operation of the API is documented: the zod schemas that validate its input and describe its answer.
// Every route entry (api/route.ts) carries its OperationSpec; OPERATIONS is the route table's documentation, in table
// order, from which the OpenAPI document is generated (api/openapi/document.ts) and the query check at run time takes
// its query schemas (api/query-check.ts).
import type { z } from 'zod';
import { ROUTE_TABLE, type RouteKey } from '../route-table';

export interface Param {
  description: string;
  example: string;
}

export type Tag = 'Anmeldung' | 'Katalog' | 'Vorgänge' | 'Aufgaben' | 'Übersicht' | 'Integration' | 'Verwaltung' | 'Entwicklung';

export interface Success {
  status: 200 | 201 | 202 | 204;
  description: string;
  schema?: z.ZodType;
  /** the audit trail is also offered as CSV */
  csv?: boolean;
  /** the answer is a file (documents) */
  binary?: boolean;
  /** the answer is also offered as PDF (`Accept: application/pdf`) */
  pdf?: boolean;
  /** the answer is an iCalendar file (RFC 5545) */
  calendar?: boolean;
  location?: boolean;
}

/** How the OpenAPI document describes an operation (a route entry's documentation, api/route.ts). */
export interface OperationSpec {
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** path parameters: description and an example (a run of the sample Gemeinde Kaufering) */
  params?: Record<string, Param>;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; required: boolean; /** multipart/form-data with a `file` part beside these fields */ multipart?: boolean };
  success: Success;
  /** problem statuses beyond the ones every operation of its kind has (see document.ts) */
  errors?: number[];
  /** exists only in embedded (demo) mode; 404 otherwise */
  embeddedOnly?: boolean;
}

export interface OperationDoc extends OperationSpec {
  key: RouteKey;
}

export const OPERATIONS: OperationDoc[] = ROUTE_TABLE.map(({ access: _access, handler: _handler, ...doc }): OperationDoc => doc);
