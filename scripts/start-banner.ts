// What `npm start` prints once everything runs: the web UI first (what most people came for), then the API and
// Temporal. A function of its own so a test can read the same lines a person sees.
export interface BannerInput {
  /** the API server's base URL; it also serves the web UI at `/` */
  baseUrl: string;
  temporalAddress: string;
  namespace: string;
  /** the Temporal dev server's UI, when npm start runs the dev server itself */
  temporalUiUrl?: string;
  /** embedded demo sign-in (no OIDC): the demo user list is offered */
  demoUsers: boolean;
}

export function startBanner(b: BannerInput): string[] {
  return [
    '',
    `  Web UI       ${b.baseUrl}/   <- open this in your browser`,
    `  API          ${b.baseUrl}/api/v1   (ready: ${b.baseUrl}/readyz)`,
    ...(b.temporalUiUrl ? [`  Temporal UI  ${b.temporalUiUrl}`] : []),
    `  Temporal     ${b.temporalAddress}  namespace ${b.namespace}`,
    ...(b.demoUsers ? [`  Demo users   ${b.baseUrl}/api/v1/dev/users`] : []),
    '  Stop with Ctrl-C.',
  ];
}
