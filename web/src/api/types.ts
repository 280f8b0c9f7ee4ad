// The shapes the UI reads from the HTTP API (API.md), named as aliases of the types generated from the API's OpenAPI
// document (schema.d.ts, `npm run gen:web-types`). web/ still talks to the server over HTTP only: it imports no
// server code, and the generated file is checked in, so the UI builds against the API it was last generated from.
import type { components, operations } from './schema';

type Schemas = components['schemas'];
/** The JSON body of an operation's 200 answer. */
type Ok<Op extends keyof operations> = operations[Op]['responses'] extends { 200: { content: { 'application/json': infer B } } } ? B : never;

export type Role = Schemas['User']['roles'][number];
export type ProcessId = Schemas['RunSummary']['process'];
export type RunStatus = Schemas['RunSummary']['status'];
export type Health = Schemas['RunSummary']['health'];
export type StepKind = Schemas['Step']['kind'];
export type StepState = Schemas['Step']['state'];
export type TaskState = Schemas['Task']['state'];

/** A page of a list (`items`, and `nextCursor` while there are more). */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export type User = Schemas['User'];
export type DemoUser = Ok<'listDemoUsers'>['items'][number];
export type Gemeinde = Schemas['Gemeinde'];
export type Verfahren = Schemas['Verfahren'];
export type Step = Schemas['Step'];
export type RunSummary = Schemas['RunSummary'];
export type HealthReason = NonNullable<RunSummary['healthReasons']>[number];
/** POST /plan-preview: the earliest feasible go-live of an onboarding started today */
export type PlanPreview = Schemas['PlanPreview'];
export type Run = Schemas['Run'];

/** The API publishes a form's schema as a JSON object; the UI reads it as the JSON Schema subset below. */
export type Task = Omit<Schemas['Task'], 'form'> & { form: { id: string; schema: JsonSchema } | null };
export type Approval = Task['approvals']['given'][number];
export type Comment = Task['comments'][number];
export type Review = Task['reviews'][number];
export type TaskContext = NonNullable<Task['context']>;
/** GET /tasks/counts: the inbox's three views counted (`capped`: at least `count`) */
export type TaskCounts = Schemas['TaskCounts'];
/** The task actions as the API names them (`complete`: enter the data, or submit it for review). */
export type TaskAction = Task['allowedActions'][number];

/** The subset of JSON Schema (draft 2020-12) that task forms use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  title?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  /** `text/csv`: an export uploaded as a file (CSV or Excel) */
  contentMediaType?: string;
}

/** POST /forms/{formId}/fields/{field}/check: an uploaded export read and checked before the form is submitted */
export type ExportCheck = Schemas['ExportCheck'];
export type ProcessTemplate = Schemas['ProcessTemplate'];
export type Dashboard = Schemas['Dashboard'];
export type DashboardOnboarding = Dashboard['onboardings'][number];
export type Milestone = DashboardOnboarding['nextMilestones'][number];
/** a document of a run (GET /runs/{id}/documents) */
export type DocumentInfo = Schemas['Document'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuthConfig = Schemas['AuthConfig'];
/** The API's problem+json; the client makes its own (without `type`) for a failed network or an unreadable answer. */
export type Problem = Pick<Schemas['Problem'], 'title' | 'status' | 'detail' | 'errors' | 'requestId' | 'existingRunId'> & { type?: string };
export type FieldError = NonNullable<Problem['errors']>[number];

// Devices of a rollout, device by device (issue 14)
export type Device = Ok<'listRunDevices'>['items'][number];
export type DeviceStep = Device['steps'][string];
export type DeviceStepState = DeviceStep['state'];
export type DeviceActionBody = operations['recordDeviceOutcome']['requestBody']['content']['application/json'];
export type DeviceOutcome = DeviceActionBody['outcome'];
export type DeviceActionAnswer = Ok<'recordDeviceOutcome'>;
export type DeviceActionResult = DeviceActionAnswer['results'][number];

/** the batches (Chargen) of an onboarding's rollouts (GET /runs/{id}/batches, issue 14) */
export type RunBatches = Ok<'listRunBatches'>;
