// One function per API call the UI makes, so pages read like the workflow they drive.
import { getAll, getJson, postJson, request } from './client';
import type {
  AuditEvent, AuthConfig, Dashboard, DemoUser, DocumentInfo, ExportCheck, Gemeinde, Page, PlanPreview, ProcessTemplate, Role, Run, RunSummary, Step, Task, TaskCounts, User, Verfahren,
} from './types';

const enc = encodeURIComponent;

export const api = {
  authConfig: () => getJson<AuthConfig>('/auth/config', { anonymous: true }),
  /** the names for these ids (at most 100), as far as the caller may see them (api/names.ts asks in batches) */
  peopleNamed: (ids: readonly string[]) => getJson<{ items: User[] }>(`/people?limit=500&ids=${ids.map(enc).join(',')}`).then((r) => r.items),
  // every page of a role: a state-wide directory may hold hundreds of project leads
  peopleWithRole: (role: Role) => getAll<User>(`/people?role=${role}`, 100),
  /** whom a task can be assigned to, by the assign route's own rule */
  assignees: (taskId: string) => getAll<User>(`/tasks/${enc(taskId)}/assignees`, 100),
  // one page of 500 holds every demo user (the configuration has a few dozen)
  demoUsers: () => getJson<{ items: DemoUser[] }>('/dev/users?limit=500', { anonymous: true }).then((r) => r.items),
  me: () => getJson<User>('/me'),

  gemeinden: () => getAll<Gemeinde>('/catalog/gemeinden'),
  verfahren: () => getAll<Verfahren>('/catalog/verfahren'),
  processes: () => getAll<ProcessTemplate>('/catalog/processes'),

  runs: (query = '') => getAll<RunSummary>(`/runs${query ? `?${query}` : ''}`),
  run: (id: string) => getJson<Run>(`/runs/${enc(id)}`),
  startRun: (body: unknown) => postJson<Run>('/runs', body),
  planPreview: (body: unknown) => postJson<PlanPreview>('/plan-preview', body),
  cancelRun: (id: string, reason: string) => postJson<unknown>(`/runs/${enc(id)}/cancel`, { reason }),
  events: (id: string) => getAll<AuditEvent>(`/runs/${enc(id)}/events`),
  eventsCsv: async (id: string) => (await request(`/runs/${enc(id)}/events`, { accept: 'text/csv' })).text(),
  /** one page of the portfolio (`limit`, `cursor`, `health`, `team` as the query says) */
  dashboard: (query = '') => getJson<Dashboard>(`/dashboard${query ? `?${query}` : ''}`),
  documents: (runId: string) => getAll<DocumentInfo>(`/runs/${enc(runId)}/documents`),
  uploadDocument: async (runId: string, file: File, fields: { taskId?: string; kind?: string } = {}) => {
    const form = new FormData();
    if (fields.taskId) form.append('taskId', fields.taskId);
    if (fields.kind) form.append('kind', fields.kind);
    form.append('file', file, file.name);
    return (await request(`/runs/${enc(runId)}/documents`, { method: 'POST', body: form })).json() as Promise<DocumentInfo>;
  },
  renewCalendar: () => postJson<{ url: string }>('/me/calendar'),
  runCalendar: async (runId: string) => (await request(`/runs/${enc(runId)}/calendar.ics`, { accept: 'text/calendar' })).blob(),
  documentFile: async (id: string) => (await request(`/documents/${enc(id)}`, { accept: '*/*' })).blob(),

  tasks: (query = '') => getAll<Task>(`/tasks${query ? `?${query}` : ''}`),
  /** one page of tasks (the inbox's views: `work`, `assignee`, `dueBy` and the other filters as the query says) */
  taskPage: (query: string) => getJson<Page<Task>>(`/tasks?${query}`),
  /** how many open tasks the inbox's three views hold under the query's filters */
  taskCounts: (query: string) => getJson<TaskCounts>(`/tasks/counts${query ? `?${query}` : ''}`),
  task: (id: string) => getJson<Task>(`/tasks/${enc(id)}`),
  complete: (id: string, body: { data?: Record<string, unknown>; comment?: string }) => postJson<Task>(`/tasks/${enc(id)}/complete`, body),
  claim: (id: string) => postJson<Task>(`/tasks/${enc(id)}/claim`),
  unclaim: (id: string) => postJson<Task>(`/tasks/${enc(id)}/unclaim`),
  assign: (id: string, assignee: string) => postJson<Task>(`/tasks/${enc(id)}/assign`, { assignee }),
  approve: (id: string, comment?: string) => postJson<Task>(`/tasks/${enc(id)}/approve`, comment ? { comment } : {}),
  reject: (id: string, reason: string) => postJson<Task>(`/tasks/${enc(id)}/reject`, { reason }),
  retryStep: (runId: string, stepId: string, input?: Record<string, unknown>) =>
    postJson<Step>(`/runs/${enc(runId)}/steps/${enc(stepId)}/retry`, input ? { input } : {}),
  skipStep: (runId: string, stepId: string, reason: string) => postJson<Step>(`/runs/${enc(runId)}/steps/${enc(stepId)}/skip`, { reason }),
  giveBack: (id: string, reason: string) => postJson<Task>(`/tasks/${enc(id)}/return`, { reason }),
  checkExport: (formId: string, field: string, body: { name: string; content: string; values?: Record<string, unknown> }) =>
    postJson<ExportCheck>(`/forms/${enc(formId)}/fields/${enc(field)}/check`, body),
  comment: (id: string, text: string) => postJson<Task>(`/tasks/${enc(id)}/comments`, { text }),
};
