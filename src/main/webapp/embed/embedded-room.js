// One room on one embedded map: the connection (connection.js, reconnecting as the page does), the room state
// (room-state.js), the map (map-view.js) with the room's pins and shared locations (room-layer.js), routes
// (routes-layer.js) and meeting point (meetup-layer.js). It is what <waypoint-map> runs for each element; it knows
// nothing about custom elements or attributes: the element gives it options, the elements of its shadow root and
// emit(type, detail) for the events the portal sees.
//
// Pins: a click on a pin selects it and opens its card (label, description, details); where the map may edit (not
// read-only, connected with protocol version 2) pins are dragged to move them, "Add pin" makes a click on the map
// add one, and the card has Edit (the page's pin editor) and Delete. Routes, people and the meeting point are shown.

import { loadConfig } from '../js/config.js';
import { RoomConnection, OPEN } from '../js/connection.js';
import { PROTOCOL_V2, addPin, errorText, hello, pinLocation, removePin, sync, updatePin } from '../js/protocol.js';
import { RoomState, APPLIED, RESYNC } from '../js/room-state.js';
import { distanceUnit, pathLength, routeLocations } from '../js/geo.js';
import { COLORS, DEFAULT_COLOR, isColor, symbolElement } from '../js/symbols.js';
import { PinEditor } from '../js/pin-editor.js';
import { socketUrl } from './options.js';

const DEFAULT_ROUTE_COLOR = '#1e88e5';
/** The zoom a selected pin is shown at, at least. */
const SELECT_ZOOM = 5;

const copy = (value) => (value === undefined ? undefined : structuredClone(value));
const pinName = (pin) => (typeof pin?.label === 'string' && pin.label !== '' ? `“${pin.label}”` : 'the pin');

/** Why a request was refused, in words for the person who made it. */
function refusal(error) {
  switch (error?.code) {
    case 'conflict': return 'someone else changed this pin meanwhile. Their version is shown now.';
    case 'not_found': return 'the pin no longer exists (someone removed it).';
    case 'limit_reached': return 'this room has as many pins as it may have.';
    default: {
      if (error === null || error === undefined) return 'not connected to the server.';
      const text = errorText(error);
      return text.endsWith('.') ? text : `${text}.`;
    }
  }
}

export class EmbeddedRoom {
  /**
   * @param {object} options  from options.js: room, name, readOnly, view, style, server (URL), token
   * @param {object} ui  mapElement, frame (gets the classes adding and editable), indicator (ConnectionIndicator),
   *   toasts (Toasts), addButton, people (the people count), stylesReady (a promise: the shadow root's CSS is there)
   * @param {(type: string, detail: object) => void} emit
   */
  constructor(options, ui, emit) {
    this.options = { ...options };
    this.ui = ui;
    this.emit = emit;
    this.closed = false;
    this.connection = null;
    this.emittedState = 'connecting';
    this.state = new RoomState();
    /** 'v1' or 'v2' once connected; null before. */
    this.mode = null;
    this.view = null;
    this.layer = null;
    this.routesLayer = null;
    this.meetupLayer = null;
    this.describeMeetup = null;
    this.adding = false;
    this.selectedId = null;
    /** The open card: { popup, pinId, editor (a PinEditor while editing, else null) } or null. */
    this.card = null;
    /** Requests waiting for their answer, by ref: { what, onError(error, reason), onDone(message) }. */
    this.pending = new Map();
    this.mapLoaded = false;
    this.snapshotSeen = false;
    this.readyFired = false;
    this.pendingView = options.view;
    /** The version 1 pin ({lat, lng}) of an older Waypoint, or null. */
    this.legacyPin = null;
    this.color = COLORS[Math.floor(Math.random() * COLORS.length)];
    this.onAddClick = () => this.setAdding(!this.adding);
    ui.addButton.addEventListener('click', this.onAddClick);
    this.wireState();
  }

  // --- What the element asks ---------------------------------------------------------------------------------------

  get editable() {
    return this.mode === 'v2' && !this.options.readOnly && this.state.has('pins');
  }

  get connectionState() {
    return this.connection?.state ?? 'connecting';
  }

  get pins() {
    return [...this.state.pins.values()].map(copy);
  }

  /** The routes, each with its length now (lengthMeters: great-circle, a pin's point where its pin is). */
  get routes() {
    return [...this.state.routes.values()].map((route) => ({
      ...copy(route), lengthMeters: pathLength(routeLocations(route, this.state.pins)),
    }));
  }

  get participants() {
    return [...this.state.participants.values()].map(copy);
  }

  /** The room as a plain object (the detail of waypoint-ready and of the iframe's answer to getRoom). */
  describe() {
    return {
      room: this.options.room,
      you: this.state.you,
      version: this.state.version,
      readOnly: this.options.readOnly,
      connectionState: this.connectionState,
      selectedPin: this.selectedId,
      pins: this.pins,
      routes: this.routes,
      participants: this.participants,
      meetup: copy(this.state.meetup),
      view: this.currentView(),
    };
  }

  /** Where the map looks: {lat, lng, zoom}, or null before the map exists. */
  currentView() {
    if (this.view === null) return null;
    const { lat, lng } = this.view.map.getCenter().wrap();
    return { lat, lng, zoom: this.view.map.getZoom() };
  }

  setReadOnly(readOnly) {
    this.options.readOnly = readOnly;
    this.showEditability();
  }

  setName(name) {
    this.options.name = name;
    if (this.mode === 'v2') this.connection.send(hello(name ?? undefined, this.color));
  }

  /** Moves the map (before the map exists: where it will start). */
  flyTo(lng, lat, zoom = null) {
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || lat < -90 || lat > 90) {
      throw new TypeError('flyTo(lng, lat, zoom): lng and lat must be numbers, lat in [-90, 90]');
    }
    if (zoom !== null && zoom !== undefined && !Number.isFinite(zoom)) throw new TypeError('flyTo: zoom must be a number');
    const target = { lat, lng, zoom: zoom ?? null };
    if (this.view === null) {
      this.pendingView = target;
      return;
    }
    this.view.map.flyTo({ center: [lng, lat], zoom: target.zoom ?? this.view.map.getZoom(), essential: true });
  }

  /** Selects a pin by id (null: none) and opens its card; returns false when the room has no such pin. */
  selectPin(id, { fly = true } = {}) {
    if (id === null || id === undefined) {
      this.clearSelection();
      return true;
    }
    const pin = this.state.pins.get(String(id));
    if (pin === undefined) return false;
    if (this.selectedId !== pin.id) {
      this.markSelected(false);
      this.selectedId = pin.id;
      this.markSelected(true);
      this.emit('waypoint-select', { pin: copy(pin) });
    }
    this.openCard(pin);
    if (fly && this.view !== null) {
      const map = this.view.map;
      map.flyTo({ center: [pin.location.lng, pin.location.lat], zoom: Math.max(map.getZoom(), SELECT_ZOOM), essential: true });
    }
    return true;
  }

  clearSelection() {
    this.closeCard();
    if (this.selectedId === null) return;
    this.markSelected(false);
    this.selectedId = null;
    this.emit('waypoint-select', { pin: null });
  }

  // --- Start and stop ---------------------------------------------------------------------------------------------

  async start() {
    const { server, room, token } = this.options;
    const configUrl = new URL('config.json', server).href;
    const config = await loadConfig(configUrl);
    if (this.closed) return;
    this.connection = new RoomConnection(socketUrl(server, room, token), {
      pingIntervalMs: config.pingIntervalMs,
      protocols: [PROTOCOL_V2],
      probeUrl: configUrl,
    });
    this.wireConnection();
    this.ui.indicator.show(this.connection.state);
    this.connection.start();
    await this.startMap(config);
  }

  close() {
    this.closed = true;
    this.ui.addButton.removeEventListener('click', this.onAddClick);
    this.connection?.stop();
    this.closeCard();
    for (const entry of this.pending.values()) entry.onError(null, 'the map was closed');
    this.pending.clear();
    if (this.view !== null) this.view.map.remove();
    this.view = null;
    this.layer = null;
    delete this.ui.mapElement.dataset.loaded;
    this.ui.mapElement.replaceChildren();
  }

  async startMap(config) {
    const fail = (text, err) => {
      console.error(`waypoint: ${text}`, err);
      if (this.closed) return;
      this.ui.mapElement.classList.add('wp-map-failed');
      this.ui.mapElement.textContent = text;
      this.emit('waypoint-error', { code: 'map_failed', message: text });
    };
    let modules;
    try {
      modules = await Promise.all([import('../js/map-view.js'), import('../js/room-layer.js'),
        import('../js/routes-layer.js'), import('../js/meetup-layer.js'), this.ui.stylesReady]);
    } catch (err) {
      fail('The map could not be loaded.', err);
      return;
    }
    if (this.closed) return;
    const [mapView, roomLayer, routesLayer, meetupLayer] = modules;
    let style;
    try {
      // A style named by the portal; else the deployment's, relative to Waypoint (not to the portal's page).
      const loaded = await mapView.loadStyle(this.options.style ?? config.styleUrl, this.options.server.href);
      style = loaded.style;
      if (loaded.fellBack) this.ui.toasts.show('The map style could not be loaded; showing the built-in world map.');
    } catch (err) {
      fail('The map could not be loaded.', err);
      return;
    }
    if (this.closed) return;
    try {
      this.view = new mapView.MapView(this.ui.mapElement, { style, onPick: (lat, lng) => this.mapClicked(lat, lng) });
    } catch (err) {
      fail('This browser cannot show the map (it needs WebGL 2).', err);
      return;
    }
    const map = this.view.map;
    if (this.pendingView !== null) {
      const { lat, lng, zoom } = this.pendingView;
      map.jumpTo({ center: [lng, lat], zoom: zoom ?? map.getZoom() });
    }
    map.once('load', () => {
      this.mapLoaded = true;
      this.maybeReady();
    });
    map.on('moveend', () => { if (this.readyFired) this.emit('waypoint-view', this.currentView()); });
    this.layer = new roomLayer.RoomLayer(map, {
      onMove: (pin, lat, lng) => this.movePin(pin, lat, lng),
      onOpen: (pin) => this.selectPin(pin.id, { fly: false }),
    });
    this.layer.openWhenLocked = true;
    this.routesLayer = new routesLayer.RoutesLayer(map);
    this.meetupLayer = new meetupLayer.MeetupLayer(map);
    this.describeMeetup = meetupLayer.describeMeetup;
    this.showRoom();
    this.showEditability();
    if (this.mode === 'v1' && this.legacyPin) this.view.showPin(this.legacyPin);
  }

  maybeReady() {
    if (this.readyFired || !this.mapLoaded || !this.snapshotSeen || this.closed) return;
    this.readyFired = true;
    this.emit('waypoint-ready', this.describe());
  }

  // --- The room on the map ------------------------------------------------------------------------------------------

  wireState() {
    const state = this.state;
    state.addEventListener('reset', () => {
      this.showRoom();
      this.showEditability();
      if (this.selectedId !== null && !state.pins.has(this.selectedId)) this.clearSelection();
      else if (this.card !== null) this.refreshCard(state.pins.get(this.card.pinId), true);
    });
    state.addEventListener('pin', ({ detail: { pin, ref } }) => {
      this.layer?.showPin(pin);
      this.showRoutes();
      if (this.card !== null && this.card.pinId === pin.id) this.refreshCard(pin, ref === null || !this.pending.has(ref));
    });
    state.addEventListener('pinremoved', ({ detail: { pin, ref } }) => {
      this.layer?.removePin(pin.id);
      this.showRoutes();
      if (this.selectedId === pin.id) {
        this.clearSelection();
        if (ref === null) this.ui.toasts.show(`${pinName(pin)} was removed by someone else.`, { kind: 'warning' });
      }
    });
    state.addEventListener('participant', ({ detail: { participant } }) => {
      this.showPeople();
      if (state.has('presence')) this.layer?.showParticipant(participant, participant.id === state.you);
      if (state.meetup !== null) this.showMeetup();
    });
    state.addEventListener('participantleft', ({ detail: { participant } }) => {
      this.showPeople();
      this.layer?.removeParticipant(participant.id);
    });
    state.addEventListener('route', () => this.showRoutes());
    state.addEventListener('routeremoved', () => this.showRoutes());
    state.addEventListener('meetup', () => this.showMeetup());
  }

  showRoom() {
    const state = this.state;
    this.showPeople();
    if (this.layer !== null) {
      this.layer.resetPins(state.has('pins') ? [...state.pins.values()] : []);
      this.layer.resetParticipants(state.has('presence') ? [...state.participants.values()] : [], state.you);
      this.markSelected(true);
    }
    this.showRoutes();
    this.showMeetup();
  }

  showRoutes() {
    if (this.routesLayer === null) return;
    const routes = this.state.has('routes') ? [...this.state.routes.values()] : [];
    this.routesLayer.setRoutes(routes.map((route) => ({
      id: route.id,
      color: isColor(route.color) ? route.color : DEFAULT_ROUTE_COLOR,
      locations: routeLocations(route, this.state.pins),
    })));
  }

  showMeetup() {
    if (this.meetupLayer === null) return;
    const meetup = this.mode === 'v2' ? this.state.meetup : null;
    const context = { participants: this.state.participants, you: this.state.you, unit: distanceUnit() };
    this.meetupLayer.show(meetup, this.state.participants, (element) => this.describeMeetup(element, meetup, context));
  }

  /** The people count in the bar, with everyone's name in its tooltip. */
  showPeople() {
    const people = [...this.state.participants.values()];
    const names = people.map((p) => {
      const name = typeof p.name === 'string' && p.name !== '' ? p.name : 'Someone';
      return p.id === this.state.you ? `${name} (you)` : name;
    });
    const element = this.ui.people;
    element.hidden = this.mode !== 'v2' || !this.state.has('presence');
    element.dataset.count = String(people.length);
    element.querySelector('.wp-people-count').textContent = String(people.length);
    element.title = names.join('\n');
    element.setAttribute('aria-label', `${people.length} ${people.length === 1 ? 'person' : 'people'} in this room: ${names.join(', ')}`);
  }

  showEditability() {
    const editable = this.editable;
    this.layer?.setEditable(editable);
    this.ui.addButton.hidden = !editable;
    if (!editable) this.setAdding(false);
    this.ui.frame.classList.toggle('editable', editable);
    if (this.card !== null) this.refreshCard(this.state.pins.get(this.card.pinId), false);
  }

  setAdding(adding) {
    this.adding = adding && this.editable;
    this.ui.addButton.setAttribute('aria-pressed', String(this.adding));
    this.ui.frame.classList.toggle('adding', this.adding);
  }

  markSelected(on) {
    if (this.selectedId === null) return;
    this.layer?.pinElement(this.selectedId)?.classList.toggle('selected', on);
  }

  mapClicked(lat, lng) {
    if (this.card !== null) {
      // The first click beside an open card closes it; it does not add a pin too.
      this.clearSelection();
      return;
    }
    if (this.adding && this.editable) this.addPinAt(lat, lng);
  }

  // --- Pins: the card, adding, moving, editing ------------------------------------------------------------------------

  openCard(pin) {
    if (this.layer === null) return;
    if (this.card !== null && this.card.pinId === pin.id) {
      this.refreshCard(pin, false);
      return;
    }
    this.closeCard();
    const content = document.createElement('div');
    content.className = 'wp-card-box';
    // An embedded map may be small: the card (and the pin editor in it) scrolls rather than overflow the map.
    content.style.maxHeight = `${Math.max(120, this.ui.mapElement.clientHeight - 64)}px`;
    const card = { popup: null, pinId: pin.id, editor: null, content };
    this.card = card;
    this.renderCard(pin);
    card.popup = this.layer.openPopup(pin, content, () => {
      // Closed by its × (or by the map): the selection ends with it. Closed to open another: nothing to do.
      if (this.card !== card) return;
      this.card = null;
      this.clearSelection();
    });
  }

  closeCard() {
    const card = this.card;
    this.card = null;
    card?.popup?.remove();
  }

  refreshCard(pin, changedBySomeoneElse) {
    if (this.card === null || pin === undefined) return;
    this.card.popup?.setLngLat([pin.location.lng, pin.location.lat]);
    if (this.card.editor !== null && this.editable) this.card.editor.update(pin, changedBySomeoneElse);
    else this.renderCard(pin);
  }

  /** The card of a pin: what it is, and Edit and Delete where the map may edit. */
  renderCard(pin) {
    const card = this.card;
    card.editor = null;
    const box = document.createElement('div');
    box.className = 'wp-card';
    box.dataset.pinId = pin.id;
    box.dataset.version = String(pin.version ?? '');
    const head = document.createElement('div');
    head.className = 'wp-card-head';
    const symbol = symbolElement(pin.symbol, 'wp-card-symbol');
    symbol.style.setProperty('--pin-color', isColor(pin.color) ? pin.color : DEFAULT_COLOR);
    const title = document.createElement('strong');
    title.className = 'wp-card-label';
    title.textContent = typeof pin.label === 'string' ? pin.label : '';
    head.append(symbol, title);
    box.append(head);
    if (typeof pin.description === 'string' && pin.description !== '') {
      const description = document.createElement('p');
      description.className = 'wp-card-description';
      description.textContent = pin.description;
      box.append(description);
    }
    const metadata = pin.metadata !== null && typeof pin.metadata === 'object' ? Object.entries(pin.metadata) : [];
    if (metadata.length > 0) {
      const list = document.createElement('dl');
      list.className = 'wp-card-metadata';
      for (const [key, value] of metadata) {
        const term = document.createElement('dt');
        term.textContent = key;
        const detail = document.createElement('dd');
        detail.textContent = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
        list.append(term, detail);
      }
      box.append(list);
    }
    const by = typeof pin.createdBy === 'string' ? pin.createdBy : '';
    const at = typeof pin.createdAt === 'string' && !Number.isNaN(Date.parse(pin.createdAt))
      ? new Date(pin.createdAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '';
    if (by !== '' || at !== '') {
      const meta = document.createElement('p');
      meta.className = 'wp-card-meta';
      meta.textContent = [by && `Added by ${by}`, at].filter(Boolean).join(' · ');
      box.append(meta);
    }
    if (this.editable) {
      const actions = document.createElement('div');
      actions.className = 'wp-card-actions';
      const remove = button('Delete', 'button button-small button-danger', 'delete');
      remove.addEventListener('click', () => this.deletePin(this.state.pins.get(pin.id) ?? pin, remove));
      const edit = button('Edit', 'button button-small button-primary', 'edit');
      edit.addEventListener('click', () => this.editPin(this.state.pins.get(pin.id) ?? pin));
      actions.append(remove, edit);
      box.append(actions);
    }
    card.content.replaceChildren(box);
  }

  editPin(pin) {
    const card = this.card;
    if (card === null || !this.editable) return;
    const editor = new PinEditor(pin, {
      limits: this.state.limits,
      onSave: (current, set) => {
        editor.setBusy(true);
        this.request(updatePin(current.id, current.version, set), {
          what: `Saving ${pinName(current)}`,
          onError: (error, reason) => {
            editor.setBusy(false);
            const latest = this.state.pins.get(current.id);
            if (error?.code === 'conflict' && latest !== undefined) editor.reset(latest);
            editor.showProblem(`Not saved: ${reason}`);
          },
          onDone: (message) => { if (this.card === card) this.renderCard(message.pin); },
        });
      },
      onDelete: (current) => {
        editor.setBusy(true);
        this.request(removePin(current.id, current.version), {
          what: `Deleting ${pinName(current)}`,
          onError: (error, reason) => { editor.setBusy(false); editor.showProblem(`Not deleted: ${reason}`); },
        });
      },
    });
    card.editor = editor;
    card.content.replaceChildren(editor.element);
    editor.element.querySelector('[name="label"]').focus({ preventScroll: true });
  }

  deletePin(pin, control) {
    control.disabled = true;
    this.request(removePin(pin.id, pin.version), {
      what: `Deleting ${pinName(pin)}`,
      onError: () => { control.disabled = false; },
    });
  }

  addPinAt(lat, lng) {
    this.request(addPin({ location: { lat, lng }, color: this.color }), { what: 'Adding a pin' });
  }

  movePin(pin, lat, lng) {
    this.request(updatePin(pin.id, pin.version, { location: { lat, lng } }), {
      what: `Moving ${pinName(pin)}`,
      // Back to where the server says the pin is (it may have moved meanwhile: that is shown).
      onError: () => this.layer?.revertPin(pin.id),
    });
  }

  /** Sends a version 2 request; its answer (the change or the error naming its ref) calls onDone or onError. */
  request(message, { what, onError = () => {}, onDone = () => {} }) {
    if (this.mode !== 'v2' || !this.connection.send(message)) {
      const why = this.connection?.state === OPEN ? 'the connection is closing' : 'not connected to the server';
      this.ui.toasts.show(`${what} failed: ${why}. Try again once connected.`, { kind: 'warning' });
      this.emit('waypoint-error', { code: 'not_connected', message: `${what} failed: ${why}.` });
      onError(null, why);
      return false;
    }
    this.pending.set(message.ref, { what, onError, onDone });
    return true;
  }

  // --- The connection ---------------------------------------------------------------------------------------------

  wireConnection() {
    const connection = this.connection;
    connection.addEventListener('statechange', ({ detail: { state, retryInMs, protocol } }) => {
      this.ui.indicator.show(state, retryInMs);
      // The portal hears of changes of state, not of every retry while reconnecting.
      if (state !== this.emittedState) this.emit('waypoint-connection', { state, previous: this.emittedState, retryInMs });
      this.emittedState = state;
      if (state !== OPEN) {
        // Whatever was in flight is answered on no connection; the snapshot after the reconnect shows the truth.
        for (const entry of this.pending.values()) entry.onError(null, 'the connection was lost');
        this.pending.clear();
        return;
      }
      this.enterMode(protocol === PROTOCOL_V2 ? 'v2' : 'v1');
      if (this.mode === 'v2') {
        this.state.awaitingSnapshot = true;
        connection.send(hello(this.options.name ?? undefined, this.color));
      }
    });
    connection.addEventListener('pong', ({ detail: { roundTripMs } }) => this.ui.indicator.showRoundTrip(roundTripMs));
    connection.addEventListener('message', ({ detail: message }) => {
      if (this.mode === 'v2') this.receive(message);
      else this.receiveV1(message);
    });
  }

  enterMode(next) {
    if (next === this.mode) return;
    this.mode = next;
    if (next === 'v1') {
      // An older Waypoint (no protocol version 2): its one pin, shown, not editable here.
      this.clearSelection();
      this.layer?.clear();
      this.state.clear();
      this.snapshotSeen = true;
      this.maybeReady();
    } else {
      this.view?.clearPin();
    }
    this.showEditability();
    this.showPeople();
  }

  receiveV1(message) {
    const pin = pinLocation(message);
    if (pin !== null) {
      this.legacyPin = pin;
      this.view?.showPin(pin);
    }
  }

  receive(message) {
    if (message.type === 'error') {
      const entry = typeof message.ref === 'string' ? this.pending.get(message.ref) : undefined;
      this.pending.delete(message.ref);
      const what = entry?.what ?? 'A request';
      const reason = refusal(message);
      this.ui.toasts.show(entry === undefined ? errorText(message) : `${what} failed: ${reason}`,
        { kind: message.code === 'conflict' ? 'warning' : 'error', durationMs: 7000 });
      this.emit('waypoint-error', { code: message.code, message: errorText(message), request: entry?.what ?? null });
      entry?.onError(message, reason);
      return;
    }
    const mine = typeof message.ref === 'string' && this.pending.has(message.ref);
    const applied = this.state.apply(message);
    if (applied === RESYNC) {
      console.info('waypoint: missed a change of the room; asking for a fresh snapshot');
      this.connection.send(sync());
      return;
    }
    if (applied === APPLIED) {
      if (message.type === 'snapshot') {
        if (!this.snapshotSeen) {
          this.snapshotSeen = true;
          this.maybeReady();
        } else if (this.readyFired) {
          const { pins, routes, participants } = this;
          this.emit('waypoint-change', { type: 'snapshot', version: this.state.version, mine: false, pins, routes, participants });
        }
      } else if (this.readyFired) {
        this.emit('waypoint-change', changeDetail(message, mine));
      }
    }
    if (mine) {
      const entry = this.pending.get(message.ref);
      this.pending.delete(message.ref);
      entry.onDone(message);
    }
  }
}

/** A change message as the portal sees it: its type, version, whether this map made it, and what changed. */
function changeDetail(message, mine) {
  const detail = { type: message.type, version: message.version, mine };
  for (const key of ['pin', 'route', 'participant', 'id']) {
    if (message[key] !== undefined) detail[key] = copy(message[key]);
  }
  if (message.type === 'meetupUpdated') detail.meetup = copy(message.meetup ?? null);
  return detail;
}

function button(text, className, name) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.name = name;
  element.textContent = text;
  return element;
}
