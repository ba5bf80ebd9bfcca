// The Waypoint room protocol as the page uses it (JSON text frames over ws at api/map?id=ROOM):
//   client -> server  {"type":"setPin","location":{"lat":..,"lng":..}}
//                     {"type":"ping","id":"<uuid>","clientTime":<ms>}      answered with {"type":"pong",...}
//   server -> client  {"type":"pinUpdate","location":{"lat":..,"lng":..}} to everyone in the room, and first
//                     of all to a new connection when the room has a pin
//                     {"type":"error","code":"...","message":"..."}         for input the server rejected
// Any other type is ignored: later protocol versions add types, and an older page must keep working.

export const setPin = (lat, lng) => ({ type: 'setPin', location: { lat, lng } });

const isLatitude = (v) => typeof v === 'number' && Number.isFinite(v) && v >= -90 && v <= 90;
const isLongitude = (v) => typeof v === 'number' && Number.isFinite(v) && v >= -180 && v <= 180;

/** The {lat, lng} of a pinUpdate, or null when the message is not a usable pinUpdate. */
export function pinLocation(message) {
  if (message.type !== 'pinUpdate') return null;
  const location = message.location;
  if (location === null || typeof location !== 'object') return null;
  return isLatitude(location.lat) && isLongitude(location.lng) ? { lat: location.lat, lng: location.lng } : null;
}

/** The text to show for an error message, or null when the message is not an error. */
export function errorText(message) {
  if (message.type !== 'error') return null;
  if (typeof message.message === 'string' && message.message.trim() !== '') return message.message;
  if (typeof message.code === 'string' && message.code !== '') return `The server rejected the request (${message.code}).`;
  return 'The server rejected the request.';
}

// Version 2 (src/docs/protocol-v2.md), asked for with the WebSocket subprotocol 'waypoint.v2'. Every request
// carries a `ref` of the page's choosing; the change it caused, or the error that refused it, names it again.
export const PROTOCOL_V2 = 'waypoint.v2';

export const newRef = () => crypto.randomUUID();

export const hello = (name, color) => {
  const message = { type: 'hello', ref: newRef() };
  if (typeof name === 'string' && name.trim() !== '') message.name = name.trim();
  if (typeof color === 'string') message.color = color;
  return message;
};
export const addPin = (pin) => ({ type: 'addPin', ref: newRef(), pin });
export const updatePin = (id, baseVersion, set) => ({ type: 'updatePin', ref: newRef(), id, baseVersion, set });
export const removePin = (id, baseVersion) => ({ type: 'removePin', ref: newRef(), id, baseVersion });
export const addRoute = (route) => ({ type: 'addRoute', ref: newRef(), route });
export const updateRoute = (id, baseVersion, set) => ({ type: 'updateRoute', ref: newRef(), id, baseVersion, set });
export const removeRoute = (id, baseVersion) => ({ type: 'removeRoute', ref: newRef(), id, baseVersion });
export const shareLocation = (lat, lng, accuracy) => {
  const message = { type: 'shareLocation', ref: newRef(), location: { lat, lng } };
  if (Number.isFinite(accuracy)) message.accuracy = accuracy;
  return message;
};
export const stopSharing = () => ({ type: 'stopSharing', ref: newRef() });
export const sync = () => ({ type: 'sync' });

// Saved sessions (feature "sessions").
export const saveSession = (name) => ({ type: 'saveSession', ref: newRef(), name });
export const listSessions = () => ({ type: 'listSessions', ref: newRef() });
export const restoreSession = (sessionId) => ({ type: 'restoreSession', ref: newRef(), sessionId });
export const deleteSession = (sessionId) => ({ type: 'deleteSession', ref: newRef(), sessionId });
