// The one rule of who may act on a task and what a Gemeinde's staff see (domain/policy.ts).
import { actingRoles, actsAs, allowedActions, approvalRole, auditTrailFor, isTenantScoped, isWorkFor, mayActOn, workByScope, seesGemeinde, seesStepResult, seesTask, workScope, type AuditEvent, type Caller, type Person, type TaskFacts, type WorkScope } from '../../domain/policy';
import type { Role } from '../../domain/types';

const buergermeister: Person = { roles: ['gemeinde'], gemeinden: ['09181128'] };
const netzwerk: Person = { roles: ['netzwerk'], gemeinden: [] };
const mixed: Person = { roles: ['datenschutz', 'gemeinde'], gemeinden: ['09181128'] };

const fragebogen = { candidateRoles: ['gemeinde' as const], ags: '09181128' };
const vvt = { candidateRoles: ['gemeinde' as const, 'datenschutz' as const], ags: '09181128' };
const erstgespraech = { candidateRoles: ['vorstand' as const], ags: '09181128' };

describe('acting on a task', () => {
  it('is allowed under each candidate role the person holds', () => {
    expect(actingRoles(mixed, vvt)).toEqual(['gemeinde', 'datenschutz']);
    expect(actingRoles(netzwerk, { candidateRoles: ['netzwerk', 'isb'], ags: '09181128' })).toEqual(['netzwerk']);
    expect(mayActOn(netzwerk, erstgespraech)).toBe(false);
  });

  it('allows role gemeinde only for the person\'s own Gemeinde', () => {
    expect(mayActOn(buergermeister, fragebogen)).toBe(true);
    expect(mayActOn(buergermeister, { ...fragebogen, ags: '09181130' })).toBe(false);
    // the Datenschutz role of a mixed user counts everywhere, its gemeinde role only at home
    expect(actingRoles(mixed, { ...vvt, ags: '09181130' })).toEqual(['datenschutz']);
  });

  it('answers role by role', () => {
    expect(actsAs(buergermeister, 'gemeinde', '09181128')).toBe(true);
    expect(actsAs(buergermeister, 'gemeinde', '09181130')).toBe(false);
    expect(actsAs(mixed, 'datenschutz', '09181130')).toBe(true);
    expect(actsAs(netzwerk, 'isb', '09181128')).toBe(false);
  });
});

describe('what a person sees', () => {
  it('scopes Gemeinde users (only role gemeinde) to their Gemeinden, staff to none', () => {
    expect(isTenantScoped(buergermeister)).toBe(true);
    expect(isTenantScoped(mixed)).toBe(false);
    expect(seesGemeinde(buergermeister, '09181130')).toBe(false);
    expect(seesGemeinde(netzwerk, '09181130')).toBe(true);
  });

  it('shows a Gemeinde user only tasks it can act on; staff every task', () => {
    expect(seesTask(buergermeister, fragebogen)).toBe(true);
    expect(seesTask(buergermeister, erstgespraech)).toBe(false);
    expect(seesTask(buergermeister, { candidateRoles: ['bereichsleitung'], ags: '09181128' })).toBe(false);
    expect(seesTask(netzwerk, erstgespraech)).toBe(true);
  });

  it('shows the computed offer to a Gemeinde user only after "Angebot freigeben" is done', () => {
    const none = () => false;
    const released = (id: string) => id === 'angebot-freigabe';
    expect(seesStepResult(buergermeister, 'angebot-berechnen', none)).toBe(false);
    expect(seesStepResult(buergermeister, 'angebot-berechnen', released)).toBe(true);
    expect(seesStepResult(netzwerk, 'angebot-berechnen', none)).toBe(true);
    expect(seesStepResult(buergermeister, 'ip-plan', none)).toBe(true);
  });
});

describe('the audit trail for a Gemeinde user', () => {
  const trail: AuditEvent[] = [
    { type: 'run.started', data: { ags: '09181128', notes: 'Kämmerer skeptisch, früh einbinden' } },
    { type: 'task.opened', data: { stepId: 'erstgespraech' }, task: erstgespraech },
    { type: 'task.commented', data: { commentId: 1, text: 'intern' }, task: erstgespraech },
    { type: 'step.done', data: { stepId: 'erstgespraech' } },
    { type: 'task.completed', data: { stepId: 'fragebogen', arbeitsplaetze: 42 }, task: fragebogen },
    { type: 'step.done', data: { stepId: 'angebot-berechnen', summary: 'einmalig 12.345,00 €' } },
    { type: 'task.completed', data: { stepId: 'angebot-freigabe', rabattProzent: 5 }, task: { candidateRoles: ['bereichsleitung'], ags: '09181128' } },
  ];

  it('leaves out internal tasks\' events, the start form\'s remarks and the offer before its release', () => {
    const seen = auditTrailFor(buergermeister, trail, () => false);
    expect(seen.map((e) => e.type)).toEqual(['run.started', 'step.done', 'task.completed', 'step.done']);
    expect(seen[0].data).toEqual({ ags: '09181128' });
    expect(seen[3].data).toEqual({ stepId: 'angebot-berechnen' });
    expect(JSON.stringify(seen)).not.toMatch(/intern|rabatt|12\.345|skeptisch/);
  });

  it('shows the offer once released, and staff the whole trail', () => {
    const seen = auditTrailFor(buergermeister, trail, (id) => id === 'angebot-freigabe');
    expect(seen[3].data).toEqual({ stepId: 'angebot-berechnen', summary: 'einmalig 12.345,00 €' });
    expect(auditTrailFor(netzwerk, trail, () => false)).toEqual(trail);
  });

  it('hides another Gemeinde\'s task events from a Gemeinde user', () => {
    const foreign: AuditEvent = { type: 'task.opened', data: { stepId: 'fragebogen' }, task: { ...fragebogen, ags: '09181130' } };
    expect(auditTrailFor(buergermeister, [foreign], () => false)).toEqual([]);
  });
});

describe('allowedActions: what the caller may do with a task now', () => {
  const worker: Caller = { id: 'k.netz', roles: ['netzwerk'], gemeinden: [] };
  const colleague: Caller = { id: 'l.netz', roles: ['netzwerk'], gemeinden: [] };
  const lead: Caller = { id: 'a.gruber', roles: ['projektleitung'], gemeinden: [] };
  const admin: Caller = { id: 'admin', roles: ['admin'], gemeinden: [] };
  const kaufering: Caller = { id: 'bm.kaufering', roles: ['gemeinde'], gemeinden: ['09181128'] };
  const landsberg: Caller = { id: 'bm.landsberg', roles: ['gemeinde'], gemeinden: ['09181130'] };
  const dsb: Caller = { id: 'd.schutz', roles: ['datenschutz'], gemeinden: [] };
  const isb: Caller = { id: 'i.sb', roles: ['isb'], gemeinden: [] };

  const task = (over: Partial<TaskFacts> = {}): TaskFacts => ({
    candidateRoles: ['netzwerk'], ags: '09181128', state: 'open', approvals: { required: 1, given: [] }, ...over,
  });

  it('lets a staff worker of the task\'s team claim, complete, assign, give back and comment', () => {
    expect(allowedActions(worker, task())).toEqual(['claim', 'assign', 'return', 'complete', 'comment']);
    // claimed by a colleague: no claim, but release (as a team member), complete and the rest stay
    expect(allowedActions(worker, task({ assignee: colleague.id }))).toEqual(['unclaim', 'assign', 'return', 'complete', 'comment']);
    // another team reads the task but acts on nothing
    expect(allowedActions(dsb, task())).toEqual([]);
  });

  it('lets the assignee release and give back the task, and nothing once it is done', () => {
    expect(allowedActions(worker, task({ assignee: worker.id }))).toEqual(['unclaim', 'assign', 'return', 'complete', 'comment']);
    expect(allowedActions(worker, task({ state: 'done' }))).toEqual(['comment']);
  });

  it('lets the project lead steer any task (assign, release, give back, comment) but not do the team\'s work', () => {
    expect(allowedActions(lead, task({ assignee: worker.id }))).toEqual(['unclaim', 'assign', 'return', 'comment']);
  });

  it('lets Gemeinde staff act on their own Gemeinde\'s task only', () => {
    const fragebogen = task({ candidateRoles: ['gemeinde'] });
    expect(allowedActions(kaufering, fragebogen)).toEqual(['claim', 'assign', 'return', 'complete', 'comment']);
    expect(allowedActions(landsberg, fragebogen)).toEqual([]);
  });

  it('under four eyes lets not the submitter but a second person approve or reject', () => {
    const submitted = task({
      candidateRoles: ['datenschutz', 'isb'], state: 'review', submission: { by: dsb.id },
      approvals: { required: 2, given: [{ user: dsb.id, role: 'datenschutz' }] },
    });
    expect(allowedActions(dsb, submitted)).toEqual(['comment']);
    expect(allowedActions(isb, submitted)).toEqual(['approve', 'reject', 'comment']);
    expect(allowedActions(worker, submitted)).toEqual([]);
  });

  it('under four eyes with named roles needs a person of a role still missing', () => {
    const submitted = task({
      candidateRoles: ['datenschutz', 'isb'], state: 'review', submission: { by: dsb.id },
      approvals: { required: 2, roles: ['datenschutz', 'isb'], given: [{ user: dsb.id, role: 'datenschutz' }] },
    });
    const otherDsb: Caller = { id: 'e.schutz', roles: ['datenschutz'], gemeinden: [] };
    expect(allowedActions(otherDsb, submitted)).toEqual(['comment']);
    expect(approvalRole(otherDsb, submitted)).toEqual({ refused: 'roleCovered', missing: ['isb'] });
    expect(allowedActions(isb, submitted)).toContain('approve');
  });

  it('offers a repair task\'s retry and skip to the project lead and the administration, never complete', () => {
    const repair = task({ candidateRoles: ['projektleitung', 'admin'], incident: { stepId: 'dns', error: 'Zeitüberschreitung' } });
    expect(allowedActions(lead, repair)).toEqual(['claim', 'assign', 'return', 'comment', 'retry', 'skip']);
    // the administration repairs, but works on no tasks (api/policy.ts: task.work, task.assign)
    expect(allowedActions(admin, repair)).toEqual(['comment', 'retry', 'skip']);
    expect(allowedActions(worker, repair)).toEqual([]);
  });
});

describe('a person\'s work and the scope a query narrows it to', () => {
  /** the scope as the task list's query applies it (store/task-queries.ts) */
  const inScope = (scope: WorkScope, t: TaskFacts): boolean =>
    t.candidateRoles.some((r) => scope.roles.includes(r) && (r !== 'gemeinde' || scope.gemeinden.includes(t.ags)))
    || (scope.incidents && t.state === 'open' && t.incident !== undefined);

  it('holds every task that is the person\'s work, and takes the scope\'s word where it may, over every combination of roles and task facts', () => {
    const roleSets: Role[][] = [['netzwerk'], ['datenschutz'], ['projektleitung'], ['admin'], ['gemeinde'], ['isb', 'datenschutz'], ['projektleitung', 'netzwerk'], ['vorstand']];
    const people: Caller[] = roleSets.map((roles) => ({ id: 'me', roles, gemeinden: roles.includes('gemeinde') ? ['09181128'] : [] }));
    const tasks: TaskFacts[] = [];
    for (const candidateRoles of [['netzwerk'], ['gemeinde'], ['isb', 'datenschutz'], ['vorstand'], ['admin']] as Role[][]) {
      for (const ags of ['09181128', '09181130']) {
        for (const state of ['open', 'review', 'done']) {
          for (const assignee of [undefined, 'me', 'other']) {
            for (const incident of [undefined, { message: 'x' }]) {
              for (const submission of [undefined, { by: 'me' }, { by: 'other' }]) {
                for (const given of [[], [{ user: 'me', role: candidateRoles[0] }], [{ user: 'other', role: candidateRoles[0] }]]) {
                  for (const roles of [undefined, [candidateRoles[0]]]) {
                    tasks.push({ candidateRoles, ags, state, assignee, incident, submission, approvals: { required: 2, given, ...(roles ? { roles } : {}) } });
                  }
                }
              }
            }
          }
        }
      }
    }
    let work = 0;
    for (const person of people) {
      for (const t of tasks) {
        // and every task the scope holds that is work by the scope alone is work
        if (inScope(workScope(person), t) && workByScope(t)) expect({ person: person.roles, task: t, work: isWorkFor(person, t) }).toEqual({ person: person.roles, task: t, work: true });
        if (!isWorkFor(person, t)) continue;
        work++;
        expect({ person: person.roles, task: t, inScope: inScope(workScope(person), t) }).toEqual({ person: person.roles, task: t, inScope: true });
      }
    }
    // the grid holds work of every kind (the check above is not vacuous)
    expect(work).toBeGreaterThan(500);
  });

  it('leaves out what is only steering: the project lead\'s view of another team\'s task, a submitter\'s own review', () => {
    const lead: Caller = { id: 'a.gruber', roles: ['projektleitung'], gemeinden: [] };
    const dsb: Caller = { id: 'd.schutz', roles: ['datenschutz'], gemeinden: [] };
    expect(isWorkFor(lead, { candidateRoles: ['netzwerk'], ags: '09181128', state: 'open', approvals: { required: 1, given: [] } })).toBe(false);
    expect(isWorkFor(lead, { candidateRoles: ['netzwerk'], ags: '09181128', state: 'open', incident: {}, approvals: { required: 1, given: [] } })).toBe(true);
    const submitted: TaskFacts = { candidateRoles: ['datenschutz', 'isb'], ags: '09181128', state: 'review', submission: { by: dsb.id }, approvals: { required: 2, given: [{ user: dsb.id, role: 'datenschutz' }] } };
    expect(isWorkFor(dsb, submitted)).toBe(false);
  });
});
