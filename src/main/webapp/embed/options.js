// The options of an embedded map, read the same way from the element's attributes (<waypoint-map room=".." ..>) and
// from the iframe page's query parameters (embed.html?room=..): room, display name, read-only, initial view, map
// style, Waypoint's address and an access token. Plain functions, no DOM beyond what they are given.

export const DEFAULT_ROOM = 'default-map';

/**
 * "lat,lng" or "lat,lng,zoom" as {lat, lng, zoom} (zoom null when not given), or null when the text is not a usable
 * view (a latitude outside [-90, 90], a longitude outside [-180, 180], a zoom outside [0, 24], not numbers).
 */
export function parseView(text) {
  if (typeof text !== 'string' || text.trim() === '') return null;
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return null;
  const [lat, lng, zoom] = parts.map(Number);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) return null;
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) return null;
  if (parts.length === 3 && (!Number.isFinite(zoom) || zoom < 0 || zoom > 24)) return null;
  return { lat, lng, zoom: parts.length === 3 ? zoom : null };
}

/** A boolean option: present means true, unless its value is "false" (readonly="false", ?readonly=false). */
export const isOn = (value) => value !== null && value !== undefined && value.trim().toLowerCase() !== 'false';

const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * The options from a lookup get(name) -> string or null.
 * @param {(name: string) => (string|null)} get
 * @param {object} names  the option's name in this source: { style: 'map-style' } for attributes, 'style' for the iframe
 * @param {URL} waypoint  where Waypoint is when no server is named (the WAR that served the script)
 * @param {string} base  what relative URLs in the options are relative to (the page)
 */
export function readOptions(get, { style = 'map-style' } = {}, waypoint, base) {
  const room = text(get('room')) ?? DEFAULT_ROOM;
  const viewText = get('view');
  const view = parseView(viewText);
  if (viewText !== null && viewText !== undefined && view === null) {
    console.warn(`waypoint: view "${viewText}" is not "lat,lng" or "lat,lng,zoom"; using the default view`);
  }
  return {
    room,
    name: text(get('name')),
    readOnly: isOn(get('readonly')),
    view,
    style: text(get(style)) === null ? null : new URL(text(get(style)), base).href,
    server: serverBase(text(get('server')), waypoint, base),
    token: text(get('token')),
  };
}

/** Waypoint's base URL (ending in '/'): the named server, else the WAR that served the script. */
export function serverBase(server, waypoint, base) {
  if (server === null) return new URL(waypoint.href);
  const url = new URL(server, base);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** The room's WebSocket URL under a Waypoint base URL, with the token (if any) as the `token` query parameter. */
export function socketUrl(server, room, token = null) {
  const url = new URL('api/map', server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  // encodeURIComponent, not URLSearchParams: a space must be %20, as the map page sends it, not '+'.
  url.search = `?id=${encodeURIComponent(room)}${token === null ? '' : `&token=${encodeURIComponent(token)}`}`;
  return url.href;
}
