// Security headers (helmet). The Content-Security-Policy admits only this origin's scripts, styles and images, so
// the web UI at `/` and the docs page work while injected markup can run nothing; the OIDC issuer is the one
// other origin the browser may fetch from (discovery and token exchange of the PKCE sign-in).
import helmet from 'helmet';

export interface HeaderOptions {
  /** origins the UI's fetch() may reach besides this one (the OIDC issuer) */
  connectOrigins?: string[];
  /** served over https (PUBLIC_URL): then HSTS and upgrade-insecure-requests */
  https?: boolean;
}

export function securityHeaders(opts: HeaderOptions = {}) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...(opts.connectOrigins ?? [])],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // over plain http (local, embedded) a Strict-Transport-Security header would only confuse
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
