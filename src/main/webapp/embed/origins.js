// Matching an origin against the list Waypoint serves as `frameAncestors` in config.json (the setting
// waypoint.frame-ancestors, normalised by the server's FrameAncestors): 'self', '*', 'https://portal.example',
// 'http://localhost:*' (any port), 'https://*.portal.example' (any subdomain). An origin with no port in the list
// means the scheme's default port, as in a Content-Security-Policy source list.

const DEFAULT_PORTS = { http: '80', https: '443' };
const PATTERN = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?([^:/[\]]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/;

/**
 * True when a page of `origin` may drive this frame: Waypoint's own origin (`self`) always, others when they match
 * an entry of `patterns`. The opaque origin 'null' (sandboxed frames, file: pages) never matches, not even '*'.
 */
export function originAllowed(origin, patterns, self = window.location.origin) {
  if (typeof origin !== 'string' || origin === 'null' || origin === '') return false;
  if (origin === self) return true;
  let url;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1);
  const host = url.hostname;
  const port = url.port || DEFAULT_PORTS[scheme] || '';
  return (Array.isArray(patterns) ? patterns : []).some((pattern) => {
    if (pattern === '*') return true;
    if (pattern === "'self'") return origin === self;
    const m = PATTERN.exec(String(pattern).toLowerCase());
    if (m === null) return false;
    const [, patternScheme, anySubdomain, patternHost, patternPort] = m;
    if (patternScheme !== scheme) return false;
    const hostMatches = anySubdomain ? host.endsWith(`.${patternHost}`) : host === patternHost;
    if (!hostMatches) return false;
    if (patternPort === '*') return true;
    return (patternPort ?? DEFAULT_PORTS[patternScheme] ?? '') === port;
  });
}
