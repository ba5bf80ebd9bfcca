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
