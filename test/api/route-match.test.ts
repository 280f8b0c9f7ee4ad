// Which documented route a request is for, and which methods a path answers in a 405's Allow header.
import { routeMatcher } from '../../api/route-match';

const routes = routeMatcher(['GET /tasks/{id}', 'POST /tasks/{id}/complete', 'POST /tasks/bulk', 'GET /tasks'] as const);

describe('route matching', () => {
  it('prefers the most literal route, as Express is mounted', () => {
    expect(routes.match('POST', '/tasks/bulk')).toBe('POST /tasks/bulk');
    expect(routes.match('GET', '/tasks/onboarding-09181128:avv')).toBe('GET /tasks/{id}');
    expect(routes.match('HEAD', '/tasks/')).toBe('GET /tasks');
    expect(routes.match('DELETE', '/tasks/bulk')).toBeUndefined();
  });

  it('allows on a path only the methods of its most literal routes (the documented ones)', () => {
    // `GET /tasks/{id}` also matches `/tasks/bulk`, but the document lists only POST there (fuzz finding ST205)
    expect(routes.methodsFor('/tasks/bulk')).toEqual(['POST']);
    expect(routes.methodsFor('/tasks/x')).toEqual(['GET']);
    expect(routes.methodsFor('/gibt-es-nicht')).toEqual([]);
  });
});
