// Waypoint's map page: one room (?id=, default "default-map"), a shared pin, live over a WebSocket.
// Wires the connection (no map knowledge) to the map view (no connection knowledge) and the top bar.

import { loadConfig } from './config.js';
import { RoomConnection, OPEN } from './connection.js';
import { errorText, pinLocation, setPin } from './protocol.js';
import { ConnectionIndicator, Toasts } from './status-bar.js';

const DEFAULT_ROOM = 'default-map';

function roomFromPage() {
  const id = new URLSearchParams(window.location.search).get('id');
  return id !== null && id.trim() !== '' ? id : DEFAULT_ROOM;
}

/** The room's WebSocket URL, relative to the page so the application works under any context root. */
function roomSocketUrl(room) {
  const url = new URL(`api/map?id=${encodeURIComponent(room)}`, document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.href;
}

function showMapFailure(mapElement, text) {
  mapElement.replaceChildren();
  mapElement.classList.add('map-failed');
  mapElement.textContent = text;
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

  const config = await loadConfig();
  const connection = new RoomConnection(roomSocketUrl(room), { pingIntervalMs: config.pingIntervalMs });

  // The page's debugging handle, also used by the browser tests: the connection state and the live socket.
  // Not an API: it may change with the page.
  window.waypoint = {
    room,
    config,
    connection,
    get state() { return connection.state; },
    get socket() { return connection.socket; },
    view: null,
  };

  let view = null;
  let pendingPin = null;
  connection.addEventListener('statechange', (event) => indicator.show(event.detail.state, event.detail.retryInMs));
  connection.addEventListener('pong', (event) => indicator.showRoundTrip(event.detail.roundTripMs));
  connection.addEventListener('message', (event) => {
    const message = event.detail;
    const pin = pinLocation(message);
    if (pin !== null) {
      if (view) view.showPin(pin); else pendingPin = pin;
      return;
    }
    const problem = errorText(message);
    if (problem !== null) toasts.show(problem, { kind: 'error' });
    // Anything else (pong, or a type of a later protocol version) needs nothing here.
  });
  indicator.show(connection.state);
  connection.start();

  // MapLibre (1 MB) is loaded after the connection has started, and a failure to load it leaves the rest of the
  // page working: the connection state and the toasts still show.
  let mapView;
  try {
    mapView = await import('./map-view.js');
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
      onPick: (lat, lng) => {
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
  window.waypoint.view = view;
  if (pendingPin !== null) view.showPin(pendingPin);
}

start().catch((err) => console.error('waypoint: page failed to start', err));
