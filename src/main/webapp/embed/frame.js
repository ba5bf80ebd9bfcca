// embed.html: one <waypoint-map> over the whole frame, its options from the query string
// (?room=..&name=..&readonly&view=lat,lng,zoom&style=URL&token=..), and its API for the parent page through
// postMessage, checked both ways:
//
//   out (frame -> parent)  { source: 'waypoint', type: 'waypoint-ready'|'waypoint-change'|..., detail }
//                          { source: 'waypoint', type: 'waypoint-result', id, ok, result | error }
//   in  (parent -> frame)  { target: 'waypoint', command: 'flyTo'|'selectPin'|'getRoom'|'hello', args: [...], id }
//
// Messages go out only to the parent page's origin, and only when that origin is allowed: Waypoint's own, or one
// that matches config.json's frameAncestors (the setting waypoint.frame-ancestors). Commands are accepted only from
// the parent window itself, from an allowed origin; anything else is ignored (and said so on the console).

import { EVENTS } from './waypoint-map.js';
import { originAllowed } from './origins.js';

const PARAMETERS = [['room', 'room'], ['name', 'name'], ['view', 'view'], ['style', 'map-style'], ['token', 'token']];

/** What the parent page may ask. Each returns something structured-cloneable. */
const COMMANDS = {
  flyTo: (map, lng, lat, zoom) => { map.flyTo(lng, lat, zoom); return null; },
  selectPin: (map, id) => map.selectPin(id ?? null),
  getRoom: (map) => ({ ready: map.ready, ...map.describe() }),
  // A parent that could not be recognised when the frame loaded (no ancestorOrigins, no referrer) says hello: from
  // then on it receives the events. The answer is the room as it is now.
  hello: (map) => ({ ready: map.ready, ...map.describe() }),
};

async function allowedOrigins() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    const config = await response.json();
    return Array.isArray(config.frameAncestors) ? config.frameAncestors.filter((p) => typeof p === 'string') : [];
  } catch (err) {
    console.warn('waypoint: config.json not usable; only Waypoint\'s own pages may drive this frame', err);
    return [];
  }
}

/** The parent page's origin as far as this frame can tell before it says anything (null: not known). */
function claimedParentOrigin(params) {
  // The browser's word, where it gives it (Chromium, Safari).
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0];
  // Declared by the parent in the frame's URL, or the referrer: safe to use for sending, since the browser delivers a
  // message only when the target window really has that origin.
  if (params.has('parentOrigin')) return params.get('parentOrigin');
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  const map = document.createElement('waypoint-map');
  for (const [parameter, attribute] of PARAMETERS) {
    if (params.has(parameter)) map.setAttribute(attribute, params.get(parameter));
  }
  if (params.has('readonly')) map.setAttribute('readonly', params.get('readonly'));
  document.title = `${map.room} · Waypoint`;

  const framed = window.parent !== window;
  if (framed) {
    const allowed = await allowedOrigins();
    let parentOrigin = claimedParentOrigin(params);
    if (parentOrigin !== null && !originAllowed(parentOrigin, allowed)) {
      console.warn(`waypoint: the page framing this map (${parentOrigin}) is not allowed by waypoint.frame-ancestors;`
        + ' it receives no events and its commands are ignored');
      parentOrigin = null;
    }
    const post = (message) => {
      if (parentOrigin !== null) window.parent.postMessage({ source: 'waypoint', ...message }, parentOrigin);
    };
    for (const type of EVENTS) map.addEventListener(type, (event) => post({ type, detail: event.detail }));

    window.addEventListener('message', (event) => {
      const data = event.data;
      if (data === null || typeof data !== 'object' || data.target !== 'waypoint') return;
      if (event.source !== window.parent || !originAllowed(event.origin, allowed)) {
        console.warn(`waypoint: ignored a command from ${event.origin} (not the framing page, or an origin`
          + ' waypoint.frame-ancestors does not allow)');
        return;
      }
      // The origin the browser vouches for is where the answers and events go from now on.
      parentOrigin = event.origin;
      const reply = (answer) => post({ type: 'waypoint-result', id: data.id ?? null, command: data.command, ...answer });
      const command = Object.hasOwn(COMMANDS, data.command) ? COMMANDS[data.command] : null;
      if (command === null) {
        reply({ ok: false, error: `unknown command ${JSON.stringify(String(data.command))}` });
        return;
      }
      try {
        reply({ ok: true, result: command(map, ...(Array.isArray(data.args) ? data.args : [])) });
      } catch (err) {
        reply({ ok: false, error: String(err?.message ?? err) });
      }
    });
  }
  document.body.append(map);
}

start().catch((err) => console.error('waypoint: the embed page failed to start', err));
