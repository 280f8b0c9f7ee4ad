// The year plan's data (tables planned_onboardings, team_capacity, team_absences): onboardings planned before they
// start, and each team's capacity for onboarding work with its absences.
import { randomUUID } from 'node:crypto';
import type { Absence, TeamCapacity, TeamRole } from '../domain/capacity';
import type { OnboardingVariant } from '../domain/types';
import type { Db } from './db';

export const PIPELINE_STATUSES = ['Anfrage', 'Angebot', 'Beschluss'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

export interface PlannedOnboardingInput {
  ags: string;
  variant: OnboardingVariant;
  desiredGoLive: string;
  /** expected Verfahren by catalogue id (may be empty when only their number is known) */
  verfahren: string[];
  verfahrenCount: number;
  workstations: number;
  status: PipelineStatus;
  notes?: string;
}

export interface PlannedOnboarding extends PlannedOnboardingInput {
  id: string;
  /** the run it became once started */
  runId?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface PlanningStore {
  listPipeline(): Promise<PlannedOnboarding[]>;
  getPlanned(id: string): Promise<PlannedOnboarding | undefined>;
  createPlanned(input: PlannedOnboardingInput, by: string): Promise<PlannedOnboarding>;
  updatePlanned(id: string, change: Partial<PlannedOnboardingInput> & { runId?: string }): Promise<PlannedOnboarding | undefined>;
  deletePlanned(id: string): Promise<boolean>;
  teams(): Promise<TeamCapacity[]>;
  setTeam(team: TeamCapacity): Promise<void>;
  absences(): Promise<Absence[]>;
  addAbsence(absence: Absence): Promise<Absence>;
  deleteAbsence(id: string): Promise<boolean>;
}

interface PlannedRow {
  id: string; ags: string; variant: OnboardingVariant; desired_go_live: string; verfahren: string[]; verfahren_count: number;
  workstations: number; status: PipelineStatus; notes: string | null; run_id: string | null; created_by: string;
  created_at: Date | string; updated_at: Date | string;
}

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

function plannedOf(r: PlannedRow): PlannedOnboarding {
  return {
    id: r.id, ags: r.ags, variant: r.variant, desiredGoLive: r.desired_go_live, verfahren: r.verfahren, verfahrenCount: r.verfahren_count,
    workstations: r.workstations, status: r.status, ...(r.notes ? { notes: r.notes } : {}), ...(r.run_id ? { runId: r.run_id } : {}),
    createdBy: r.created_by, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

const COLUMNS: Record<keyof PlannedOnboardingInput | 'runId', string> = {
  ags: 'ags', variant: 'variant', desiredGoLive: 'desired_go_live', verfahren: 'verfahren', verfahrenCount: 'verfahren_count',
  workstations: 'workstations', status: 'status', notes: 'notes', runId: 'run_id',
};

export function planningStore(db: Db): PlanningStore {
  return {
    async listPipeline() {
      const { rows } = await db.query<PlannedRow>('SELECT * FROM planned_onboardings ORDER BY desired_go_live, id');
      return rows.map(plannedOf);
    },
    async getPlanned(id) {
      const { rows } = await db.query<PlannedRow>('SELECT * FROM planned_onboardings WHERE id = $1', [id]);
      return rows[0] && plannedOf(rows[0]);
    },
    async createPlanned(input, by) {
      const { rows } = await db.query<PlannedRow>(
        `INSERT INTO planned_onboardings (id, ags, variant, desired_go_live, verfahren, verfahren_count, workstations, status, notes, created_by)
         VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10) RETURNING *`,
        [`plan-${randomUUID()}`, input.ags, input.variant, input.desiredGoLive, JSON.stringify(input.verfahren), input.verfahrenCount,
          input.workstations, input.status, input.notes ?? null, by],
      );
      return plannedOf(rows[0]);
    },
    async updatePlanned(id, change) {
      const sets: string[] = [];
      const params: unknown[] = [id];
      for (const [key, value] of Object.entries(change) as [keyof typeof COLUMNS, unknown][]) {
        if (value === undefined) continue;
        params.push(key === 'verfahren' ? JSON.stringify(value) : value);
        sets.push(`${COLUMNS[key]} = $${params.length}${key === 'verfahren' ? '::text::jsonb' : ''}`);
      }
      const { rows } = await db.query<PlannedRow>(
        `UPDATE planned_onboardings SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`, params);
      return rows[0] && plannedOf(rows[0]);
    },
    async deletePlanned(id) {
      const { rows } = await db.query('DELETE FROM planned_onboardings WHERE id = $1 RETURNING id', [id]);
      return rows.length > 0;
    },
    async teams() {
      const { rows } = await db.query<{ role: TeamRole; people: number; hours_per_week: string | number }>('SELECT role, people, hours_per_week FROM team_capacity ORDER BY role');
      return rows.map((r) => ({ role: r.role, people: r.people, hoursPerWeek: Number(r.hours_per_week) }));
    },
    async setTeam(team) {
      await db.query(
        `INSERT INTO team_capacity (role, people, hours_per_week) VALUES ($1, $2, $3)
         ON CONFLICT (role) DO UPDATE SET people = EXCLUDED.people, hours_per_week = EXCLUDED.hours_per_week, updated_at = now()`,
        [team.role, team.people, team.hoursPerWeek],
      );
    },
    async absences() {
      const { rows } = await db.query<{ id: string; role: TeamRole; from_date: string; to_date: string; note: string | null }>(
        'SELECT id, role, from_date, to_date, note FROM team_absences ORDER BY from_date, id');
      return rows.map((r) => ({ id: r.id, role: r.role, from: r.from_date, to: r.to_date, ...(r.note ? { note: r.note } : {}) }));
    },
    async addAbsence(a) {
      const id = `abw-${randomUUID()}`;
      await db.query('INSERT INTO team_absences (id, role, from_date, to_date, note) VALUES ($1, $2, $3, $4, $5)', [id, a.role, a.from, a.to, a.note ?? null]);
      return { ...a, id };
    },
    async deleteAbsence(id) {
      const { rows } = await db.query('DELETE FROM team_absences WHERE id = $1 RETURNING id', [id]);
      return rows.length > 0;
    },
  };
}
