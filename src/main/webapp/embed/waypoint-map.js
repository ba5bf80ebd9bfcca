// <waypoint-map>: a Waypoint room in any page, with one tag.
//
//   <script type="module" src="https://waypoint.example/embed/waypoint-map.js"></script>
//   <waypoint-map room="site-42" name="Ana" view="52.52,13.40,11"></waypoint-map>
//
// Attributes: room (default "default-map"), name (display name), readonly, view ("lat,lng" or "lat,lng,zoom"),
// map-style (a MapLibre style URL), server (Waypoint's base URL; default: the Waypoint that served this script),
// token (sent as the WebSocket URL's `token` query parameter, for protected rooms).
//
// Everything is inside an open shadow root (MapLibre's stylesheet and Waypoint's included), so the page's CSS does
// not reach the map and the map's CSS does not reach the page. Each element has its own connection and room.
//
// Events (CustomEvent, bubbling and composed; detail as described):
//   waypoint-ready       the map is shown and the room has arrived    { room, you, version, readOnly, pins, routes, participants, meetup, view, ... }
//   waypoint-change      a change of the room (any client's)          { type: 'pinAdded'|'pinUpdated'|'pinRemoved'|'routeAdded'|..|'snapshot', version, mine, pin|route|participant|id|meetup }
//   waypoint-select      a pin was selected (pin) or none (null)      { pin }
//   waypoint-connection  the connection's state changed               { state: 'open'|'reconnecting'|'connecting', previous, retryInMs }
//   waypoint-view        the map stopped moving                       { lat, lng, zoom }
//   waypoint-error       a request was refused or the map failed      { code, message, request }
// Methods: flyTo(lng, lat, zoom), selectPin(id) (null: none; false when there is no such pin).
// Read-only properties: pins, routes, participants, room, you, version, connectionState, selectedPin, view, readOnly,
// ready, map (the MapLibre map, for what this API does not cover).
// src/docs/embedding.md documents all of it.

import { ConnectionIndicator, Toasts } from '../js/status-bar.js';
import { EmbeddedRoom } from './embedded-room.js';
import { parseView, readOptions } from './options.js';

/** The Waypoint that served this script: its stylesheets and, by default, its rooms. */
const WAYPOINT = new URL('../', import.meta.url);
const STYLESHEETS = ['lib/maplibre-gl/maplibre-gl.css', 'css/waypoint.css', 'embed/waypoint-map.css'];
/** A change of these starts the element again (a new connection, a new map). */
const RESTART_ON = new Set(['room', 'server', 'token', 'map-style']);

export const EVENTS = Object.freeze(['waypoint-ready', 'waypoint-change', 'waypoint-select', 'waypoint-connection',
  'waypoint-view', 'waypoint-error']);

const TEMPLATE = `
  <div class="wp-frame" part="frame">
    <div class="wp-bar" part="bar">
      <svg class="wp-mark" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"/></svg>
      <span class="wp-room"></span>
      <span class="wp-people" role="img" hidden><span class="wp-people-icon" aria-hidden="true"></span><span class="wp-people-count">0</span></span>
      <span class="wp-readonly" hidden>View only</span>
      <button class="wp-add" type="button" aria-pressed="false" title="When on, a click on the map adds a pin" hidden>+ Add pin</button>
      <div class="connection wp-connection" data-state="connecting" role="status" aria-live="polite">
        <span class="connection-dot" aria-hidden="true"></span><span class="connection-label">Connecting…</span>
      </div>
    </div>
    <div class="wp-map" part="map"></div>
    <div class="toasts wp-toasts" role="status" aria-live="polite"></div>
  </div>`;

export class WaypointMapElement extends HTMLElement {
  static get observedAttributes() {
    return ['room', 'name', 'readonly', 'view', 'map-style', 'server', 'token'];
  }

  #room = null;
  #restartQueued = false;
  #ui;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const links = STYLESHEETS.map((path) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL(path, WAYPOINT).href;
      return link;
    });
    const body = document.createElement('template');
    body.innerHTML = TEMPLATE;
    root.append(...links, body.content);
    // The map is made once the stylesheets are there (a map measured without them is the wrong size); one that
    // fails to load does not hold it back.
    const stylesReady = Promise.all(links.map((link) => new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', () => {
        console.warn(`waypoint: stylesheet ${link.href} did not load`);
        resolve();
      }, { once: true });
    })));
    this.#ui = {
      frame: root.querySelector('.wp-frame'),
      mapElement: root.querySelector('.wp-map'),
      roomName: root.querySelector('.wp-room'),
      readOnlyBadge: root.querySelector('.wp-readonly'),
      addButton: root.querySelector('.wp-add'),
      people: root.querySelector('.wp-people'),
      indicator: new ConnectionIndicator(root.querySelector('.wp-connection')),
      toasts: new Toasts(root.querySelector('.wp-toasts')),
      stylesReady,
    };
  }

  connectedCallback() {
    this.#start();
  }

  disconnectedCallback() {
    this.#stop();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || this.#room === null) return;
    if (RESTART_ON.has(name)) {
      // Several attributes changed in one go start it again once.
      if (this.#restartQueued) return;
      this.#restartQueued = true;
      queueMicrotask(() => {
        this.#restartQueued = false;
        if (!this.isConnected) return;
        this.#stop();
        this.#start();
      });
    } else if (name === 'readonly') {
      const options = this.#options();
      this.#room.setReadOnly(options.readOnly);
      this.#ui.readOnlyBadge.hidden = !options.readOnly;
    } else if (name === 'name') {
      this.#room.setName(this.#options().name);
    } else if (name === 'view') {
      const view = parseView(after);
      if (view !== null) this.#room.flyTo(view.lng, view.lat, view.zoom);
    }
  }

  #options() {
    return readOptions((name) => this.getAttribute(name), { style: 'map-style' }, WAYPOINT, document.baseURI);
  }

  #start() {
    if (this.#room !== null) return;
    const options = this.#options();
    this.#ui.roomName.textContent = options.room;
    this.#ui.roomName.title = `Room ${options.room}`;
    this.#ui.readOnlyBadge.hidden = !options.readOnly;
    const room = new EmbeddedRoom(options, this.#ui, (type, detail) => {
      if (this.#room === room) this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    });
    this.#room = room;
    room.start().catch((err) => console.error('waypoint: the embedded map failed to start', err));
  }

  #stop() {
    this.#room?.close();
    this.#room = null;
  }

  // --- The JavaScript API ----------------------------------------------------------------------------------------

  /** Flies the map to a place: longitude, latitude and (optional) zoom, MapLibre's order. */
  flyTo(lng, lat, zoom) {
    this.#require().flyTo(Number(lng), Number(lat), zoom === undefined || zoom === null ? null : Number(zoom));
  }

  /** Selects the pin with this id and opens its card (null: none). False when the room has no such pin. */
  selectPin(id) {
    return this.#require().selectPin(id);
  }

  get pins() { return this.#room?.pins ?? []; }

  get routes() { return this.#room?.routes ?? []; }

  get participants() { return this.#room?.participants ?? []; }

  get room() { return this.#options().room; }

  get you() { return this.#room?.state.you ?? null; }

  get version() { return this.#room?.state.version ?? null; }

  get connectionState() { return this.#room?.connectionState ?? 'closed'; }

  get selectedPin() { return this.#room?.selectedId ?? null; }

  get view() { return this.#room?.currentView() ?? null; }

  get readOnly() { return this.#options().readOnly; }

  /** True once waypoint-ready has been sent. */
  get ready() { return this.#room?.readyFired ?? false; }

  /** The MapLibre map (null before it exists): for what this API does not cover; its API is MapLibre's. */
  get map() { return this.#room?.view?.map ?? null; }

  /** Everything above in one plain object. */
  describe() { return this.#room?.describe() ?? null; }

  #require() {
    if (this.#room === null) throw new Error('waypoint-map: not in a document');
    return this.#room;
  }
}

if (!customElements.get('waypoint-map')) customElements.define('waypoint-map', WaypointMapElement);
