// Finds which documented route a request is for, the way Express matches it (case-insensitive, an optional
// trailing slash, a parameter is one path segment). Used by the policy (who may) and the query check (which
// parameters); route keys look like `POST /runs/{id}/cancel`, paths relative to /api/v1.
export interface RouteMatcher<K extends string> {
  /** the key of the route for this method and path, if any */
  match(method: string, path: string): K | undefined;
  /** methods the most literal routes of this path accept (for 405 and its Allow header, as documented) */
  methodsFor(path: string): string[];
}

function compile(template: string): RegExp {
  const pattern = template
    .split('/')
    .map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`, 'i');
}

export function routeMatcher<K extends string>(keys: readonly K[]): RouteMatcher<K> {
  // the most literal route first, as Express would have it mounted: `/tasks/bulk` before `/tasks/{id}`
  const params = (template: string) => template.split('/').filter((s) => /^\{\w+\}$/.test(s)).length;
  const routes = keys
    .map((key) => {
      const [method, template] = key.split(' ');
      return { key, method, regex: compile(template), params: params(template) };
    })
    .sort((a, b) => a.params - b.params);
  return {
    match(method, path) {
      const m = method === 'HEAD' ? 'GET' : method;
      return routes.find((r) => r.method === m && r.regex.test(path))?.key;
    },
    methodsFor(path) {
      // only the most literal routes of the path: `/tasks/bulk` has POST, though `GET /tasks/{id}` would also match
      const hits = routes.filter((r) => r.regex.test(path));
      const literal = hits.filter((r) => r.params === hits[0]?.params);
      return [...new Set(literal.map((r) => r.method))];
    },
  };
}
