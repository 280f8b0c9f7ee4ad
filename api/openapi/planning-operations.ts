// The year plan's and the monthly report's operations (issue 15), joined into OPERATIONS (operations.ts) in this order.
import { pageQuery } from '../paging';
import * as planning from '../planning-schemas';
import type { OperationDoc } from './operations';

const plannedId = { id: { description: 'ID des geplanten Onboardings', example: 'plan-00000000-0000-4000-8000-000000000000' } };

export const PLANNING_OPERATIONS: OperationDoc[] = [
  {
    key: 'GET /planning/pipeline', operationId: 'listPlannedOnboardings', tag: 'Übersicht', summary: 'Geplante Onboardings (Anfrage, Angebot, Beschluss; gestartete mit ihrem Vorgang)',
    query: pageQuery, errors: [400],
    success: { status: 200, description: 'alle geplanten Onboardings nach gewünschtem Go-live', schema: planning.pipelinePageSchema },
  },
  {
    key: 'POST /planning/pipeline', operationId: 'createPlannedOnboarding', tag: 'Übersicht', summary: 'Geplantes Onboarding anlegen',
    body: { schema: planning.pipelineBody, required: true },
    success: { status: 201, description: 'das geplante Onboarding', schema: planning.plannedOnboardingSchema, location: true },
  },
  {
    key: 'GET /planning/pipeline/{id}', operationId: 'getPlannedOnboarding', tag: 'Übersicht', summary: 'Ein geplantes Onboarding',
    params: plannedId, success: { status: 200, description: 'das geplante Onboarding', schema: planning.plannedOnboardingSchema }, errors: [404],
  },
  {
    key: 'PATCH /planning/pipeline/{id}', operationId: 'updatePlannedOnboarding', tag: 'Übersicht', summary: 'Geplantes Onboarding ändern (auch mit seinem gestarteten Vorgang verknüpfen)',
    params: plannedId, body: { schema: planning.pipelinePatch, required: true },
    success: { status: 200, description: 'das geplante Onboarding nach der Änderung', schema: planning.plannedOnboardingSchema }, errors: [404],
  },
  {
    key: 'DELETE /planning/pipeline/{id}', operationId: 'deletePlannedOnboarding', tag: 'Übersicht', summary: 'Geplantes Onboarding löschen',
    params: plannedId, success: { status: 204, description: 'gelöscht' }, errors: [404],
  },
  {
    key: 'GET /planning/capacity', operationId: 'getCapacity', tag: 'Übersicht', summary: 'Kapazität, Last und freie Stunden je Team und Woche',
    description: 'Last aus dem Aufwand der Vorlagenschritte der laufenden und geplanten Onboardings; Standard: 18 Monate ab heute.',
    query: planning.capacityQuery, success: { status: 200, description: 'je Team und Woche (Montag)', schema: planning.capacitySchema }, errors: [400],
  },
  {
    key: 'POST /planning/what-if', operationId: 'whatIf', tag: 'Übersicht', summary: 'Können wir Gemeinde X aufnehmen? Frühester Go-live, Engpass, Wirkung von Verschiebungen',
    body: { schema: planning.whatIfBody, required: true },
    success: { status: 200, description: 'frühester Go-live, bei dem jedes Team Platz hat', schema: planning.whatIfSchema },
  },
  {
    key: 'GET /planning/teams', operationId: 'getTeamCapacity', tag: 'Übersicht', summary: 'Kapazität der Teams und Abwesenheiten',
    success: { status: 200, description: 'Teams und Abwesenheiten', schema: planning.teamsSchema },
  },
  {
    key: 'PUT /planning/teams/{role}', operationId: 'setTeamCapacity', tag: 'Verwaltung', summary: 'Kapazität eines Teams setzen (Personen × Stunden je Woche)',
    params: { role: { description: 'Team (Rolle)', example: 'verfahren' } }, body: { schema: planning.teamBody, required: true },
    success: { status: 200, description: 'das Team' }, errors: [404],
  },
  {
    key: 'POST /planning/absences', operationId: 'addAbsence', tag: 'Verwaltung', summary: 'Abwesenheit einer Person eines Teams (Urlaub, Schulung)',
    body: { schema: planning.absenceBody, required: true }, success: { status: 201, description: 'die Abwesenheit' },
  },
  {
    key: 'DELETE /planning/absences/{id}', operationId: 'deleteAbsence', tag: 'Verwaltung', summary: 'Abwesenheit löschen',
    params: { id: { description: 'Abwesenheits-ID', example: 'abw-00000000-0000-4000-8000-000000000000' } }, success: { status: 204, description: 'gelöscht' }, errors: [404],
  },
];
