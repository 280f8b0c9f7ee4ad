// The one rule of who may act on a task and what a Gemeinde's staff see (domain/policy.ts).
import { actingRoles, actsAs, auditTrailFor, isTenantScoped, mayActOn, seesGemeinde, seesStepResult, seesTask, type AuditEvent, type Person } from '../../domain/policy';

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

  it('answers role by role for the four-eyes pickers (bot, history recorder, fault driver)', () => {
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
    { type: 'run.started', data: {} },
    { type: 'task.opened', data: { stepId: 'erstgespraech' }, task: erstgespraech },
    { type: 'task.commented', data: { commentId: 1, text: 'intern' }, task: erstgespraech },
    { type: 'step.done', data: { stepId: 'erstgespraech' } },
    { type: 'task.completed', data: { stepId: 'fragebogen', arbeitsplaetze: 42 }, task: fragebogen },
    { type: 'step.done', data: { stepId: 'angebot-berechnen', summary: 'einmalig 12.345,00 €' } },
    { type: 'task.completed', data: { stepId: 'angebot-freigabe', rabattProzent: 5 }, task: { candidateRoles: ['bereichsleitung'], ags: '09181128' } },
  ];

  it('leaves out internal tasks\' events and the offer before its release', () => {
    const seen = auditTrailFor(buergermeister, trail, () => false);
    expect(seen.map((e) => e.type)).toEqual(['run.started', 'step.done', 'task.completed', 'step.done']);
    expect(seen[3].data).toEqual({ stepId: 'angebot-berechnen' });
    expect(JSON.stringify(seen)).not.toMatch(/intern|rabatt|12\.345/);
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
