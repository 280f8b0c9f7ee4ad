// The year plan's calls and shapes (GET|POST /planning/pipeline, GET|PATCH|DELETE /planning/pipeline/{id},
// GET /planning/capacity, POST /planning/what-if, GET /planning/teams, PUT /planning/teams/{role},
// POST|DELETE /planning/absences, GET /reports/portfolio/{month}).
import { getAll, getJson, postJson, request } from './client';

export type TeamRole = 'projektleitung' | 'bereichsleitung' | 'netzwerk' | 'arbeitsplatz' | 'verfahren' | 'datenschutz' | 'isb' | 'vorstand';
export type PipelineStatus = 'Anfrage' | 'Angebot' | 'Beschluss';
export const PIPELINE_STATUSES: PipelineStatus[] = ['Anfrage', 'Angebot', 'Beschluss'];

export interface PlannedOnboardingInput {
  ags: string;
  variant: 'mitglied' | 'dienstleistung';
  desiredGoLive: string;
  verfahren?: string[];
  verfahrenCount?: number;
  workstations: number;
  status: PipelineStatus;
  notes?: string;
}

export interface PlannedOnboarding extends Omit<PlannedOnboardingInput, 'status'> {
  id: string;
  gemeindeName: string;
  verfahren: string[];
  verfahrenCount: number;
  status: PipelineStatus | 'Gestartet';
  runId?: string;
  plannedStart: string;
  /** the template's earliest go-live when the desired one lies before it (the year plan counts this one) */
  earliestGoLive?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Team {
  role: TeamRole;
  title: string;
  people: number;
  hoursPerWeek: number;
}

export interface CapacityWeek {
  role: TeamRole;
  /** Monday of the week */
  week: string;
  capacity: number;
  load: number;
  free: number;
}

export interface Capacity {
  from: string;
  to: string;
  teams: Team[];
  weeks: CapacityWeek[];
}

export interface WhatIfInput {
  ags: string;
  variant: 'mitglied' | 'dienstleistung';
  targetGoLive?: string;
  verfahrenCount?: number;
  workstations: number;
}

export interface WhatIfResult {
  earliestByTemplate: string;
  earliestGoLive: string | null;
  targetFits?: boolean;
  bottleneck: { role: TeamRole; title: string; week: string; overloadHours: number } | null;
  /** a team the request alone needs more of in a week than the team has at all: it never fits */
  beyondTeam?: { role: TeamRole; title: string; hours: number; capacity: number };
  effects: { id: string; name: string; kind: 'run' | 'planned'; earliestGoLive: string | null; weeksEarlier: number }[];
  /** the Gemeinde is planned already: the request stands in for that entry */
  replacesPlanned?: { id: string; desiredGoLive: string };
}

export interface Absence {
  id: string;
  role: TeamRole;
  from: string;
  to: string;
  note?: string;
}

export const planningApi = {
  pipeline: () => getAll<PlannedOnboarding>('/planning/pipeline').then((items) => ({ items })),
  createPlanned: (input: PlannedOnboardingInput) => postJson<PlannedOnboarding>('/planning/pipeline', input),
  updatePlanned: async (id: string, change: Partial<PlannedOnboardingInput>) =>
    (await request(`/planning/pipeline/${encodeURIComponent(id)}`, { method: 'PATCH', body: change })).json() as Promise<PlannedOnboarding>,
  deletePlanned: async (id: string) => {
    await request(`/planning/pipeline/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  capacity: (from?: string, to?: string) => getJson<Capacity>(`/planning/capacity${from && to ? `?from=${from}&to=${to}` : ''}`),
  whatIf: (input: WhatIfInput) => postJson<WhatIfResult>('/planning/what-if', input),
  teams: () => getJson<{ teams: Team[]; absences: Absence[] }>('/planning/teams'),
  /** a figure left empty is sent as absent, and the server says it is missing */
  setTeam: async (role: TeamRole, people: number | undefined, hoursPerWeek: number | undefined) =>
    (await request(`/planning/teams/${role}`, { method: 'PUT', body: { people, hoursPerWeek } })).json() as Promise<Team>,
  addAbsence: (a: Omit<Absence, 'id'>) => postJson<Absence>('/planning/absences', a),
  deleteAbsence: async (id: string) => {
    await request(`/planning/absences/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  /** the monthly board report as a file (PDF or CSV) */
  report: async (month: string, type: 'application/pdf' | 'text/csv') => (await request(`/reports/portfolio/${month}`, { accept: type })).blob(),
};

/** GET /dashboard/trend: each running onboarding's health at the end of each day in `weeks` (null: not yet started). */
export interface HealthTrend {
  weeks: string[];
  items: { runId: string; ags: string; health: ('green' | 'amber' | 'red' | null)[] }[];
}

export const loadHealthTrend = () => getJson<HealthTrend>('/dashboard/trend?limit=500');
