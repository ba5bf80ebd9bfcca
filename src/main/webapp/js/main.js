// Waypoint's map page: one room (?id=, default "default-map"), live over a WebSocket. A room that needs a token gets
// it from the page's own URL (?token=), passed on to the WebSocket (browsers cannot send headers on one).
// It asks for protocol version 2 (subprotocol 'waypoint.v2': many pins, people, shared locations); a server that
// does not select it gets the version 1 page (the room's one pin, moved by a click).
// Wires the connection (no map knowledge), the room state (no DOM), the map and its layer, the toolbar and the
// people panel (no socket knowledge).

import { loadConfig } from './config.js';
import { RoomConnection, OPEN } from './connection.js';
import {
  PROTOCOL_V2, addPin, errorText, hello, pinLocation, removePin, setPin, shareLocation, stopSharing, sync, updatePin,
} from './protocol.js';
import { RoomState, RESYNC } from './room-state.js';
import { ConnectionIndicator, Toasts } from './status-bar.js';
import { Toolbar } from './toolbar.js';
import { PeoplePanel } from './people.js';
import { PinEditor } from './pin-editor.js';
import { RouteController } from './route-controller.js';
import { SessionsPanel } from './sessions-panel.js';

const DEFAULT_ROOM = 'default-map';
const V1_HINT = 'Click the map to move the pin for everyone in this room.';
const ADD_HINT = 'Click the map to add a pin. Drag a pin to move it; click it to edit.';
const BROWSE_HINT = 'Drag a pin to move it; click it to edit. Turn on “Add pin” to add pins.';
const ROUTE_HINT = 'Click the map or pins to add the route’s points; double-click or Finish to add it, Esc to cancel.';
const VIEW_HINT = 'You can view this room. Changes are not allowed.';
// The server refused the connection for good: reconnecting with the same URL cannot help (src/docs/protocol-v2.md).
const REFUSALS = {
  access_denied: 'You have no access to this room',
  token_expired: 'Your access to this room has expired: open it again from where you got the link',
};

function roomFromPage() {
  const id = new URLSearchParams(window.location.search).get('id');
  return id !== null && id.trim() !== '' ? id : DEFAULT_ROOM;
}

/** The room's WebSocket URL, relative to the page so the application works under any context root. */
function roomSocketUrl(room) {
  const url = new URL(`api/map?id=${encodeURIComponent(room)}`, document.baseURI);
  const token = new URLSearchParams(window.location.search).get('token');
  if (token !== null && token !== '') url.searchParams.set('token', token);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.href;
}

function showMapFailure(mapElement, text) {
  mapElement.replaceChildren();
  mapElement.classList.add('map-failed');
  mapElement.textContent = text;
}

const pinName = (pin) => (typeof pin?.label === 'string' && pin.label !== '' ? `“${pin.label}”` : 'the pin');

/** Why an edit was refused, in words for the person who made it (thing: 'pin' or 'route'). */
function refusal(error, thing = 'pin') {
  switch (error.code) {
    case 'conflict': return `someone else changed this ${thing} meanwhile. Their version is shown now.`;
    case 'not_found': return `the ${thing} no longer exists (someone removed it).`;
    case 'limit_reached': return `this room has as many ${thing}s as it may have.`;
    default: {
      const text = errorText(error);
      return text.endsWith('.') ? text : `${text}.`;
    }
  }
}

async function start() {
  const room = roomFromPage();
  document.title = `${room} · Waypoint`;
  const roomName = document.getElementById('room-name');
  roomName.textContent = room;
  roomName.title = room;

  const indicator = new ConnectionIndicator(document.getElementById('connection-state'));
  const toasts = new Toasts(document.getElementById('toasts'));
  const mapElement = document.getElementById('map');
  const hint = document.querySelector('.hint');

  const config = await loadConfig();
  const connection = new RoomConnection(roomSocketUrl(room), {
    pingIntervalMs: config.pingIntervalMs,
    protocols: [PROTOCOL_V2],
  });
  const state = new RoomState();

  /** 'v1' or 'v2' once connected; null before the first connection. */
  let mode = null;
  /** True when the server said this connection may view the room but not change it (an `access` message). */
  let readOnly = false;
  let view = null;
  let layer = null;
  let pendingPin = null;
  /** The open pin editor: { editor, pinId, saving } or null. */
  let editing = null;
  /** Requests waiting for their answer, by ref: { what, onError(error), onDone(message) }. */
  const pending = new Map();
  /** Location sharing: 'off' | 'asking' | 'on', the geolocation watch and the last position sent. */
  let sharing = 'off';
  let watchId = null;
  let lastPosition = null;

  // The page's debugging handle, also used by the browser tests. Not an API: it may change with the page.
  window.waypoint = {
    room,
    config,
    connection,
    get state() { return connection.state; },
    get socket() { return connection.socket; },
    get protocol() { return mode; },
    get readOnly() { return readOnly; },
    /** Version 2's room: { version, you, features, pins, participants, routes, meetup } (a copy). */
    get room() { return state.toJSON(); },
    /** Each route as shown: [{ id, points, meters, text, unit, label, color, version }] (text: its length in the viewer’s unit). */
    get routes() { return routes.describe(); },
    routeLengthText: (id) => routes.describe().find((r) => r.id === id)?.text ?? null,
    view: null,
    layer: null,
  };

  const toolbar = new Toolbar(document.getElementById('toolbar'));
  const people = new PeoplePanel(document.getElementById('people'), {
    onHello: (name, color) => { if (mode === 'v2') connection.send(hello(name, color)); },
    onShareToggle: () => (sharing === 'off' ? startSharing() : endSharing(true)),
  });
  const routes = new RouteController({
    state,
    toolbar,
    panelElement: document.getElementById('routes'),
    editingElement: document.getElementById('route-editing'),
    request: (message, handling) => request(message, { ...handling, thing: 'route' }),
    toasts,
    beforeOpen: () => closeEditor(),
  });
  const sessions = new SessionsPanel(document.getElementById('sessions'), {
    room,
    request: (message, handling) => request(message, handling),
    toasts,
  });
  state.addEventListener('restored', (event) => {
    if (event.detail.ref === null && event.detail.session) toasts.show(`The map was restored to “${event.detail.session.name}”.`);
  });
  state.addEventListener('imported', (event) => {
    if (event.detail.ref === null) toasts.show(`${event.detail.pins.length} pins and ${event.detail.routes.length} routes were imported.`);
  });

  // The meeting point: described in the people panel; on the map once the map is there.
  const meetupInfo = document.getElementById('meetup-info');
  let meetupLayer = null;
  let describeMeetup = null;
  function showMeetup() {
    const meetup = mode === 'v2' ? state.meetup : null;
    meetupInfo.hidden = meetup === null || describeMeetup === null;
    if (meetup !== null && describeMeetup !== null) {
      const context = { participants: state.participants, you: state.you, unit: routes.unit };
      describeMeetup(meetupInfo, meetup, { ...context, onShow: () => meetupLayer?.flyTo() });
      meetupLayer?.show(meetup, state.participants, (element) => describeMeetup(element, meetup, context));
    } else {
      meetupLayer?.show(null);
    }
  }
  state.addEventListener('meetup', () => showMeetup());
  routes.onUnitChange = () => showMeetup();

  toolbar.onModeChange = (next) => {
    routes.modeChanged(next);
    showHint();
  };

  function showHint() {
    hint.textContent = readOnly ? VIEW_HINT
      : mode === 'v2' ? (toolbar.mode === 'route' ? ROUTE_HINT : toolbar.adding ? ADD_HINT : BROWSE_HINT) : V1_HINT;
    document.body.classList.toggle('adding-pins', !readOnly && (mode !== 'v2' || toolbar.adding));
    document.body.classList.toggle('read-only', readOnly);
    mapElement.setAttribute('aria-label', mode === 'v2'
      ? 'Map of the room. Click to add a pin when adding pins is on.' : 'Map. Click to place the room\'s pin.');
  }

  /**
   * Sends a version 2 request whose answer names its ref. Returns false (and says so) when not connected.
   * @param {object} message  carries `ref`
   * @param {object} handling  what (for the toast: "Moving “Lunch”"), onError(error, reasonText), onDone(change)
   */
  function request(message, { what, thing = 'pin', onError = () => {}, onDone = () => {} }) {
    if (mode !== 'v2' || !connection.send(message)) {
      const why = connection.state === OPEN ? 'the connection is closing' : 'not connected to the server';
      toasts.show(`${what} failed: ${why}. Try again once connected.`, { kind: 'warning' });
      onError(null, why);
      return false;
    }
    pending.set(message.ref, { what, thing, onError, onDone });
    return true;
  }

  // --- The room on the map and in the panel -------------------------------------------------------------------

  function showRoom() {
    const participants = [...state.participants.values()];
    people.render(participants, state.you);
    if (layer === null) return;
    layer.resetPins(state.has('pins') ? [...state.pins.values()] : []);
    layer.resetParticipants(state.has('presence') ? participants : [], state.you);
  }

  state.addEventListener('reset', () => {
    toolbar.show(state.has('pins'));
    toolbar.setLimits(state.limits);
    people.show(state.has('presence'));
    sessions.show(state.has('sessions'));
    if (state.has('sessions')) sessions.refresh();
    if (!state.has('presence') && sharing !== 'off') endSharing(false);
    showRoom();
    showMeetup();
    if (editing !== null) {
      const pin = state.pins.get(editing.pinId);
      if (pin === undefined) closeEditor(); else editing.editor.update(pin, true);
    }
  });
  state.addEventListener('pin', ({ detail: { pin, ref } }) => {
    if (layer !== null && state.has('pins')) layer.showPin(pin);
    if (editing !== null && editing.pinId === pin.id) {
      editing.popup?.setLngLat([pin.location.lng, pin.location.lat]);
      editing.editor.update(pin, ref === null || !pending.has(ref));
    }
  });
  state.addEventListener('pinremoved', ({ detail: { pin, ref } }) => {
    if (layer !== null) layer.removePin(pin.id);
    if (editing !== null && editing.pinId === pin.id) {
      closeEditor();
      if (ref === null) toasts.show(`${pinName(pin)} was removed by someone else.`, { kind: 'warning' });
    }
  });
  const participantChanged = () => {
    people.render([...state.participants.values()], state.you);
  };
  state.addEventListener('participant', ({ detail: { participant } }) => {
    participantChanged();
    if (state.meetup !== null) showMeetup(); // names and colours on the ways to the meeting point
    if (layer !== null && state.has('presence')) layer.showParticipant(participant, participant.id === state.you);
  });
  state.addEventListener('participantleft', ({ detail: { participant } }) => {
    participantChanged();
    if (layer !== null) layer.removeParticipant(participant.id);
  });

  // --- Editing pins ----------------------------------------------------------------------------------------------

  function addPinAt(lat, lng) {
    const pin = { ...toolbar.newPin(), location: { lat, lng } };
    if (request(addPin(pin), { what: 'Adding a pin' })) toolbar.labelInput.value = '';
  }

  function movePin(pin, lat, lng) {
    closeEditor();
    request(updatePin(pin.id, pin.version, { location: { lat, lng } }), {
      what: `Moving ${pinName(pin)}`,
      // Back to where the server says the pin is (it may have moved meanwhile: that is shown).
      onError: () => layer?.revertPin(pin.id),
    });
  }

  function openEditor(pin) {
    closeEditor();
    routes.closePopup();
    const editor = new PinEditor(pin, {
      limits: state.limits,
      onSave: (current, set) => {
        editor.setBusy(true);
        request(updatePin(current.id, current.version, set), {
          what: `Saving ${pinName(current)}`,
          onError: (error, reason) => {
            editor.setBusy(false);
            const latest = state.pins.get(current.id);
            if (error?.code === 'conflict' && latest !== undefined) editor.reset(latest);
            editor.showProblem(`Not saved: ${reason}`);
          },
          onDone: () => closeEditor(),
        });
      },
      onDelete: (current) => {
        editor.setBusy(true);
        request(removePin(current.id, current.version), {
          what: `Deleting ${pinName(current)}`,
          onError: (error, reason) => { editor.setBusy(false); editor.showProblem(`Not deleted: ${reason}`); },
          onDone: () => closeEditor(),
        });
      },
    });
    editing = { editor, pinId: pin.id, popup: null };
    editing.popup = layer.openPopup(pin, editor.element, () => { editing = null; });
    editor.element.querySelector('[name="label"]').focus({ preventScroll: true });
  }

  function closeEditor() {
    if (editing === null) return;
    const { popup } = editing;
    editing = null;
    popup?.remove();
  }

  // --- Sharing one's location (asked only when the button is pressed) ---------------------------------------------

  function startSharing() {
    if (!('geolocation' in navigator)) {
      toasts.show('This browser cannot tell your location.', { kind: 'warning' });
      return;
    }
    sharing = 'asking';
    people.showSharing(sharing);
    watchId = navigator.geolocation.watchPosition((position) => {
      if (sharing === 'off') return;
      const { latitude, longitude, accuracy } = position.coords;
      lastPosition = { lat: latitude, lng: longitude, accuracy };
      if (sharing !== 'on') { sharing = 'on'; people.showSharing(sharing); }
      if (mode === 'v2') connection.send(shareLocation(latitude, longitude, accuracy));
    }, (error) => {
      if (error.code === error.PERMISSION_DENIED) {
        toasts.show('Location not shared: the browser was not allowed to tell your location.', { kind: 'warning' });
        endSharing(false);
      } else if (sharing === 'asking') {
        toasts.show(`Your location is not known yet (${error.message || 'position unavailable'}). Still trying.`, { kind: 'warning' });
      }
    }, { enableHighAccuracy: true, maximumAge: 15000, timeout: 30000 });
  }

  function endSharing(tellServer) {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
    lastPosition = null;
    const wasSharing = sharing === 'on';
    sharing = 'off';
    people.showSharing(sharing);
    if (tellServer && wasSharing && mode === 'v2') connection.send(stopSharing());
  }

  // --- The connection -------------------------------------------------------------------------------------------

  function enterMode(next) {
    if (next === mode) return;
    mode = next;
    if (mode === 'v1') {
      // A server without version 2: the room's one pin, as the demo showed it.
      closeEditor();
      layer?.clear();
      state.clear();
      routes.roomChanged();
      showMeetup();
      toolbar.show(false);
      people.show(false);
      sessions.show(false);
      if (sharing !== 'off') endSharing(false);
    } else {
      view?.clearPin();
      pendingPin = null;
    }
    layer?.setEditable(mode === 'v2' && !readOnly);
    showHint();
  }

  /** The server's word on this connection's access ({"type":"access",...}): view-only hides every editing tool. */
  function applyAccess(message) {
    readOnly = message.access === 'view';
    if (readOnly) {
      closeEditor();
      routes.closePopup();
      if (sharing !== 'off') endSharing(false);
    }
    if (typeof message.name === 'string' && message.name !== '') {
      people.nameInput.value = message.name;
      people.nameInput.disabled = true;
      people.nameInput.title = 'Your name, as the site that sent you here gave it';
    }
    layer?.setEditable(mode === 'v2' && !readOnly);
    showHint();
  }

  /** The server refused this connection for good (no access, an expired token): stop, and say so. */
  function refused(message) {
    connection.stop();
    indicator.showRefused(message.code === 'token_expired' ? 'Access expired' : 'No access');
    const text = REFUSALS[message.code];
    hint.textContent = `${text}.`;
    toasts.show(`${text}${typeof message.message === 'string' ? ` (${message.message})` : ''}.`,
      { kind: 'error', durationMs: 600000 });
  }

  connection.addEventListener('statechange', (event) => {
    const { state: connectionState, retryInMs, protocol } = event.detail;
    indicator.show(connectionState, retryInMs);
    if (connectionState !== OPEN) {
      // Whatever was in flight is answered on no connection; the snapshot after the reconnect shows the truth.
      for (const entry of pending.values()) entry.onError(null, 'the connection was lost');
      pending.clear();
      if (editing !== null) editing.editor.setBusy(false);
      return;
    }
    enterMode(protocol === PROTOCOL_V2 ? 'v2' : 'v1');
    if (mode === 'v2') {
      state.awaitingSnapshot = true;
      connection.send(hello(people.name, people.color));
      if (sharing === 'on' && lastPosition !== null) {
        connection.send(shareLocation(lastPosition.lat, lastPosition.lng, lastPosition.accuracy));
      }
    }
  });
  connection.addEventListener('pong', (event) => indicator.showRoundTrip(event.detail.roundTripMs));
  connection.addEventListener('message', (event) => {
    const message = event.detail;
    if (message.type === 'error' && Object.hasOwn(REFUSALS, message.code)) {
      refused(message);
      return;
    }
    if (mode === 'v2') {
      receiveV2(message);
      return;
    }
    const pin = pinLocation(message);
    if (pin !== null) {
      if (view) view.showPin(pin); else pendingPin = pin;
      return;
    }
    const problem = errorText(message);
    if (problem !== null) toasts.show(problem, { kind: 'error' });
    // Anything else (pong, or a type of a later protocol version) needs nothing here.
  });

  function receiveV2(message) {
    if (message.type === 'access') {
      applyAccess(message);
      return;
    }
    if (message.type === 'error') {
      const entry = typeof message.ref === 'string' ? pending.get(message.ref) : undefined;
      if (entry === undefined) {
        toasts.show(errorText(message), { kind: 'error' });
        return;
      }
      pending.delete(message.ref);
      const reason = refusal(message, entry.thing);
      toasts.show(`${entry.what} failed: ${reason}`, { kind: message.code === 'conflict' ? 'warning' : 'error', durationMs: 7000 });
      entry.onError(message, reason);
      return;
    }
    sessions.receive(message);
    if (state.apply(message) === RESYNC) {
      console.info('waypoint: missed a change of the room; asking for a fresh snapshot');
      connection.send(sync());
      return;
    }
    if (typeof message.ref === 'string' && pending.has(message.ref)) {
      const entry = pending.get(message.ref);
      pending.delete(message.ref);
      entry.onDone(message);
    }
  }

  indicator.show(connection.state);
  showHint();
  connection.start();

  // MapLibre (1 MB) is loaded after the connection has started, and a failure to load it leaves the rest of the
  // page working: the connection state, the people panel and the toasts still show.
  let mapView;
  let roomLayer;
  let routesLayer;
  let meetupModule;
  try {
    [mapView, roomLayer, routesLayer, meetupModule] = await Promise.all([
      import('./map-view.js'), import('./room-layer.js'), import('./routes-layer.js'), import('./meetup-layer.js')]);
  } catch (err) {
    console.error('waypoint: map library failed to load', err);
    showMapFailure(mapElement, 'The map could not be loaded. Reload the page to try again.');
    return;
  }
  const { loadStyle, MapView } = mapView;
  let style;
  try {
    const loaded = await loadStyle(config.styleUrl);
    style = loaded.style;
    if (loaded.fellBack) toasts.show('The configured map style could not be loaded; showing the built-in world map.');
  } catch (err) {
    console.error('waypoint: no map style', err);
    showMapFailure(mapElement, 'The map could not be loaded. Reload the page to try again.');
    return;
  }
  try {
    view = new MapView(mapElement, {
      style,
      onPick: (lat, lng, point) => {
        if (editing !== null) {
          // The first click beside an open editor closes it; it does not add a pin too.
          closeEditor();
          return;
        }
        if (mode === 'v2') {
          if (routes.mapClicked(lat, lng, point)) return;
          if (!readOnly && toolbar.adding && state.has('pins')) addPinAt(lat, lng);
          return;
        }
        if (readOnly) return;
        if (connection.send(setPin(lat, lng))) return;
        const why = connection.state === OPEN ? 'the connection is closing' : 'not connected to the server';
        toasts.show(`Pin not placed: ${why}. Try again once connected.`, { kind: 'warning' });
      },
    });
  } catch (err) {
    // MapLibre throws here when the browser has no WebGL 2.
    console.error('waypoint: map failed', err);
    showMapFailure(mapElement, 'This browser cannot show the map (it needs WebGL 2).');
    return;
  }
  layer = new roomLayer.RoomLayer(view.map, {
    onMove: movePin,
    // While a route is drawn, a click on a pin adds the pin to it.
    onOpen: (pin) => { if (!routes.pinClicked(pin) && !readOnly) openEditor(pin); },
  });
  routes.attach(new routesLayer.RoutesLayer(view.map), { fitPopup: (popup) => layer.fit(popup) });
  meetupLayer = new meetupModule.MeetupLayer(view.map);
  describeMeetup = meetupModule.describeMeetup;
  showMeetup();
  layer.setEditable(mode === 'v2' && !readOnly);
  layer.obstacles = () => [toolbar.element, people.element, routes.panel.element].filter((e) => !e.hidden);
  window.waypoint.view = view;
  window.waypoint.layer = layer;
  if (mode === 'v2') showRoom();
  else if (pendingPin !== null) view.showPin(pendingPin);
}

start().catch((err) => console.error('waypoint: page failed to start', err));
