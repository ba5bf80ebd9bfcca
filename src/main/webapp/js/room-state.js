// The room as a version 2 client knows it: pins, routes, participants, the meeting point, the room version and who
// "you" are. It applies
// the snapshot and the change messages in the room's order and notices a gap (a change whose version is not the
// last one plus one): then the caller asks for a fresh snapshot (`sync`) and the changes are ignored until it comes.
// Changes of kinds it does not know (a later feature) only advance the version. It knows nothing about maps or
// sockets.
//
// Events (it is an EventTarget):
//   'reset'              the snapshot replaced everything            detail: { features, limits }
//   'pin'                a pin was added or changed                  detail: { pin, previous, ref }
//   'pinremoved'         a pin was removed                           detail: { pin, ref }
//   'participant'        a participant joined or changed             detail: { participant, previous, ref }
//   'participantleft'    a participant left                          detail: { participant }
//   'route'              a route was added or changed                detail: { route, previous, ref }
//   'routeremoved'       a route was removed                         detail: { route, ref }
//   'meetup'             the meeting point changed or went away      detail: { meetup (or null), previous }
//   'restored'           a saved session replaced pins and routes    detail: { session, ref } (after the item events)
//   'imported'           pins and routes were imported as one change detail: { pins, routes, ref } (after the item events)

const CHANGES = new Set(['pinAdded', 'pinUpdated', 'pinRemoved', 'participantJoined', 'participantUpdated', 'participantLeft',
  'routeAdded', 'routeUpdated', 'routeRemoved', 'meetupUpdated', 'roomRestored', 'featuresImported']);

export const APPLIED = 'applied';
export const IGNORED = 'ignored';
/** The message showed that changes were missed: send `sync`. */
export const RESYNC = 'resync';

export class RoomState extends EventTarget {
  constructor() {
    super();
    this.clear();
  }

  clear() {
    this.version = null;
    this.you = null;
    this.features = [];
    this.limits = {};
    /** @type {Map<string, object>} */
    this.pins = new Map();
    /** @type {Map<string, object>} */
    this.participants = new Map();
    /** @type {Map<string, object>} */
    this.routes = new Map();
    /** The meeting point ({ point, method, note?, routes }) or null when there is none. */
    this.meetup = null;
    this.awaitingSnapshot = true;
  }

  has(feature) {
    return this.features.includes(feature);
  }

  /** Applies one server message; returns APPLIED, IGNORED (not a room message, or waiting for a snapshot) or RESYNC. */
  apply(message) {
    if (message.type === 'snapshot') {
      this.applySnapshot(message);
      return APPLIED;
    }
    // A change of a kind this page does not show (a later feature) still takes its place in the room's order:
    // any message with a version other than the snapshot is a change, and its version is counted.
    if (!Number.isInteger(message.version)) return IGNORED;
    if (this.awaitingSnapshot) return IGNORED;
    if (message.version <= this.version) return IGNORED; // already contained in the snapshot
    if (message.version !== this.version + 1) {
      this.awaitingSnapshot = true;
      return RESYNC;
    }
    this.version = message.version;
    if (!CHANGES.has(message.type)) return IGNORED;
    const ref = typeof message.ref === 'string' ? message.ref : null;
    switch (message.type) {
      case 'pinAdded':
      case 'pinUpdated': {
        if (!isPin(message.pin)) return APPLIED;
        const previous = this.pins.get(message.pin.id) ?? null;
        this.pins.set(message.pin.id, message.pin);
        this.emit('pin', { pin: message.pin, previous, ref });
        return APPLIED;
      }
      case 'pinRemoved': {
        const pin = this.pins.get(message.id);
        if (pin === undefined) return APPLIED;
        this.pins.delete(message.id);
        this.emit('pinremoved', { pin, ref });
        return APPLIED;
      }
      case 'participantJoined':
      case 'participantUpdated': {
        const participant = message.participant;
        if (participant === null || typeof participant !== 'object' || typeof participant.id !== 'string') return APPLIED;
        const previous = this.participants.get(participant.id) ?? null;
        this.participants.set(participant.id, participant);
        this.emit('participant', { participant, previous, ref });
        return APPLIED;
      }
      case 'participantLeft': {
        const participant = this.participants.get(message.id);
        if (participant === undefined) return APPLIED;
        this.participants.delete(message.id);
        this.emit('participantleft', { participant });
        return APPLIED;
      }
      case 'routeAdded':
      case 'routeUpdated': {
        if (!isRoute(message.route)) return APPLIED;
        const previous = this.routes.get(message.route.id) ?? null;
        this.routes.set(message.route.id, message.route);
        this.emit('route', { route: message.route, previous, ref });
        return APPLIED;
      }
      case 'routeRemoved': {
        const route = this.routes.get(message.id);
        if (route === undefined) return APPLIED;
        this.routes.delete(message.id);
        this.emit('routeremoved', { route, ref });
        return APPLIED;
      }
      case 'featuresImported': {
        const pins = (Array.isArray(message.pins) ? message.pins : []).filter(isPin);
        const routes = (Array.isArray(message.routes) ? message.routes : []).filter(isRoute);
        for (const pin of pins) {
          this.pins.set(pin.id, pin);
          this.emit('pin', { pin, previous: null, ref });
        }
        for (const route of routes) {
          this.routes.set(route.id, route);
          this.emit('route', { route, previous: null, ref });
        }
        this.emit('imported', { pins, routes, ref });
        return APPLIED;
      }
      case 'roomRestored': {
        // The room's pins and routes are now exactly these: the others go, and each one shown is told.
        const pins = new Map((Array.isArray(message.pins) ? message.pins : []).filter(isPin).map((p) => [p.id, p]));
        const routes = new Map((Array.isArray(message.routes) ? message.routes : []).filter(isRoute).map((r) => [r.id, r]));
        for (const route of [...this.routes.values()]) {
          if (!routes.has(route.id)) {
            this.routes.delete(route.id);
            this.emit('routeremoved', { route, ref });
          }
        }
        for (const pin of [...this.pins.values()]) {
          if (!pins.has(pin.id)) {
            this.pins.delete(pin.id);
            this.emit('pinremoved', { pin, ref });
          }
        }
        for (const pin of pins.values()) {
          const previous = this.pins.get(pin.id) ?? null;
          this.pins.set(pin.id, pin);
          this.emit('pin', { pin, previous, ref });
        }
        for (const route of routes.values()) {
          const previous = this.routes.get(route.id) ?? null;
          this.routes.set(route.id, route);
          this.emit('route', { route, previous, ref });
        }
        this.emit('restored', { session: message.session ?? null, ref });
        return APPLIED;
      }
      case 'meetupUpdated': {
        const previous = this.meetup;
        this.meetup = isMeetup(message.meetup) ? message.meetup : null;
        this.emit('meetup', { meetup: this.meetup, previous });
        return APPLIED;
      }
      default:
        return IGNORED;
    }
  }

  applySnapshot(snapshot) {
    this.version = Number.isInteger(snapshot.version) ? snapshot.version : 0;
    this.you = typeof snapshot.you === 'string' ? snapshot.you : null;
    this.features = Array.isArray(snapshot.features) ? snapshot.features.filter((f) => typeof f === 'string') : [];
    this.limits = snapshot.limits !== null && typeof snapshot.limits === 'object' ? snapshot.limits : {};
    this.pins = new Map((Array.isArray(snapshot.pins) ? snapshot.pins : []).filter(isPin).map((p) => [p.id, p]));
    this.participants = new Map((Array.isArray(snapshot.participants) ? snapshot.participants : [])
      .filter((p) => p !== null && typeof p === 'object' && typeof p.id === 'string').map((p) => [p.id, p]));
    this.routes = new Map((Array.isArray(snapshot.routes) ? snapshot.routes : []).filter(isRoute).map((r) => [r.id, r]));
    this.meetup = isMeetup(snapshot.meetup) ? snapshot.meetup : null;
    this.awaitingSnapshot = false;
    this.emit('reset', { features: this.features, limits: this.limits });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** A plain copy for the debugging handle. */
  toJSON() {
    return {
      version: this.version,
      you: this.you,
      features: [...this.features],
      pins: [...this.pins.values()],
      participants: [...this.participants.values()],
      routes: [...this.routes.values()],
      meetup: this.meetup,
    };
  }
}

function isPin(pin) {
  return pin !== null && typeof pin === 'object' && typeof pin.id === 'string'
    && pin.location !== null && typeof pin.location === 'object'
    && Number.isFinite(pin.location.lat) && Number.isFinite(pin.location.lng);
}

const isLocation = (p) => p !== null && typeof p === 'object' && Number.isFinite(p.lat) && Number.isFinite(p.lng);

/** A route point is a pin's ({pinId}) or a free one ({lat, lng}). */
export const isRoutePoint = (p) => p !== null && typeof p === 'object' && (typeof p.pinId === 'string' || isLocation(p));

function isRoute(route) {
  return route !== null && typeof route === 'object' && typeof route.id === 'string'
    && Array.isArray(route.points) && route.points.every(isRoutePoint);
}

function isMeetup(meetup) {
  return meetup !== null && typeof meetup === 'object' && isLocation(meetup.point);
}
