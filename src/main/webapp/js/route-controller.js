// Routes on the page: drawing a new one ("Draw route" mode: clicks on the map add free points, clicks on pins add
// the pin; Finish, a double-click or Enter sends addRoute; Esc or Cancel discards), the route's popup (length in
// the viewer's unit, label and colour with Save, "Edit points", Delete), editing a route's points (drag a free
// point's handle to move it, click the line to add a point there, click a pin to add it at the end, right-click a
// handle or its × to remove the point; each sends updateRoute with all the points; a refused edit goes back to the
// room's route), and the routes panel. Lengths are worked out here from the points as
// they are now, a pin's point where its pin is (geo.js).
//
// It uses the room state (no DOM), the map layer (no room knowledge), the toolbar and the panel (no socket
// knowledge); requests go out through request(message, { what, onError, onDone }) from the page.

import { addRoute, removeRoute, updateRoute } from './protocol.js';
import { distanceUnit, formatDistance, pathLength, routeLocations, setDistanceUnit } from './geo.js';
import { RouteCard, RoutesPanel, routeName } from './routes-panel.js';
import { isColor } from './symbols.js';

/** Two clicks closer than this (pixels) and this quick (ms) are a double-click: it finishes the route. */
const SAME_POINT_PX = 5;
const DOUBLE_CLICK_MS = 500;
const DEFAULT_ROUTE_COLOR = '#1e88e5';

const quoted = (route) => `“${routeName(route)}”`;

export class RouteController {
  /**
   * @param {object} options  state (RoomState), toolbar, panelElement (#routes), editingElement (#route-editing),
   *   request(message, handling), toasts, beforeOpen() (closes other popups)
   */
  constructor({ state, toolbar, panelElement, editingElement, request, toasts, beforeOpen }) {
    this.state = state;
    this.toolbar = toolbar;
    this.request = request;
    this.toasts = toasts;
    this.beforeOpen = beforeOpen;
    this.unit = distanceUnit();
    this.onUnitChange = () => {};
    this.layer = null;
    this.fitPopup = () => {};
    /** The route being drawn: its points ({pinId} or {lat, lng}), or null when not drawing. */
    this.draft = null;
    this.pointer = null;
    /** The open popup: { popup, card, routeId } or null. */
    this.open = null;
    /** Editing a route's points: { routeId, points (as shown, maybe not yet accepted), pendingRef } or null. */
    this.editing = null;
    this.editingElement = editingElement;
    this.editingText = editingElement.querySelector('#route-editing-text');
    editingElement.querySelector('#route-editing-done').addEventListener('click', () => this.stopEditing());

    this.panel = new RoutesPanel(panelElement, {
      unit: this.unit,
      onOpen: (id) => this.openRoute(id, null, true),
      onUnit: (unit) => this.setUnit(unit),
    });

    toolbar.undoButton.addEventListener('click', () => this.undo());
    toolbar.cancelButton.addEventListener('click', () => this.toolbar.setMode(null));
    toolbar.finishButton.addEventListener('click', () => this.finish());
    document.addEventListener('keydown', (event) => this.onKey(event));

    state.addEventListener('reset', () => this.roomChanged());
    state.addEventListener('route', ({ detail: { route, ref } }) => this.routeChanged(route, ref));
    state.addEventListener('routeremoved', ({ detail: { route, ref } }) => this.routeRemoved(route, ref));
    state.addEventListener('pin', () => this.render());
    state.addEventListener('pinremoved', ({ detail: { pin } }) => {
      if (this.draft !== null) this.draft = this.draft.filter((p) => p.pinId !== pin.id);
      this.render();
    });
  }

  get available() {
    return this.state.has('routes');
  }

  /** The map layer, once the map exists (routes are listed before that). */
  attach(layer, { fitPopup }) {
    this.layer = layer;
    this.fitPopup = fitPopup;
    const map = layer.map;
    // A double-click is recognised from its clicks (mapClicked, pinClicked); here it only must not zoom.
    map.on('dblclick', (event) => { if (this.draft !== null) event.preventDefault(); });
    map.on('mousemove', (event) => {
      if (this.draft === null) return;
      const { lat, lng } = event.lngLat.wrap();
      this.pointer = { lat, lng };
      this.renderDraft();
    });
    map.on('mouseout', () => { this.pointer = null; if (this.draft !== null) this.renderDraft(); });
    this.render();
  }

  // --- What is shown -------------------------------------------------------------------------------------------

  /** The routes as shown: the room's, with the points of one being edited as they are being dragged. */
  shownPoints(route) {
    return this.editing !== null && this.editing.routeId === route.id ? this.editing.points : route.points;
  }

  /** Each route with its length now: [{ route, points, meters, lengthText, locations }], oldest first. */
  measure() {
    const pins = this.state.pins;
    return [...this.state.routes.values()].map((route) => {
      const locations = routeLocations({ points: this.shownPoints(route) }, pins);
      const meters = pathLength(locations);
      return { route, points: route.points.length, meters, lengthText: formatDistance(meters, this.unit), locations };
    });
  }

  render() {
    const entries = this.available ? this.measure() : [];
    const selected = this.open?.routeId ?? this.editing?.routeId ?? null;
    this.panel.show(this.available);
    this.panel.render(entries.map((e) => ({ ...e, selected: e.route.id === selected })), this.unit);
    this.layer?.setRoutes(entries.map((e) => ({
      id: e.route.id, color: colorOf(e.route), locations: e.locations, selected: e.route.id === selected,
    })));
    if (this.open !== null) {
      const entry = entries.find((e) => e.route.id === this.open.routeId);
      if (entry !== undefined) this.open.card.update(entry.route, entry.lengthText, this.unit);
    }
    if (this.editing !== null) this.showHandles();
    this.renderDraft();
  }

  renderDraft() {
    if (this.draft === null) {
      this.layer?.setDraft(null);
      return;
    }
    const locations = routeLocations({ points: this.draft }, this.state.pins);
    this.toolbar.showDraft(this.draft.length, formatDistance(pathLength(locations), this.unit));
    this.layer?.setDraft(locations, this.toolbar.color, this.pointer);
  }

  setUnit(unit) {
    this.unit = unit;
    setDistanceUnit(unit);
    this.render();
    this.onUnitChange(unit);
  }

  /** For tests and anyone inspecting the page: each route's id, number of points, length and its text. */
  describe() {
    return this.measure().map((e) => ({
      id: e.route.id, points: e.points, meters: e.meters, text: e.lengthText, unit: this.unit,
      label: routeName(e.route), color: colorOf(e.route), version: e.route.version,
    }));
  }

  // --- The room's changes ---------------------------------------------------------------------------------------

  roomChanged() {
    this.toolbar.showRoutes(this.available);
    if (this.open !== null && !this.state.routes.has(this.open.routeId)) this.closePopup();
    if (this.editing !== null && !this.state.routes.has(this.editing.routeId)) this.stopEditing();
    else if (this.editing !== null && this.editing.pendingRef === null) this.editing.points = this.state.routes.get(this.editing.routeId).points;
    this.render();
  }

  routeChanged(route, ref) {
    if (this.editing !== null && this.editing.routeId === route.id && (this.editing.pendingRef === null || this.editing.pendingRef === ref)) {
      // Someone else's edit, or the answer to ours: the room's points are the ones to edit from now on.
      this.editing.points = route.points;
      this.editing.pendingRef = null;
    }
    this.render();
  }

  routeRemoved(route, ref) {
    const wasShown = this.open?.routeId === route.id || this.editing?.routeId === route.id;
    if (this.open?.routeId === route.id) this.closePopup();
    if (this.editing?.routeId === route.id) this.stopEditing();
    if (wasShown && ref === null) this.toasts.show(`${quoted(route)} was removed by someone else.`, { kind: 'warning' });
    this.render();
  }

  // --- Clicks from the page ---------------------------------------------------------------------------------------

  /** A click on the map (not on a marker). Returns true when it was the routes' click. */
  mapClicked(lat, lng, point) {
    if (this.draft !== null) {
      if (this.isDoubleClick({ point })) this.finish(); else this.addPoint({ lat, lng }, point);
      return true;
    }
    if (!this.available) return false;
    const id = this.layer?.routeAt(point) ?? null;
    if (id !== null && this.editing !== null && id === this.editing.routeId) {
      this.insertPointAt(lat, lng, point);
      return true;
    }
    if (id !== null) {
      this.openRoute(id, { lat, lng }, false);
      return true;
    }
    if (this.open !== null) {
      // The first click beside an open popup closes it; it does not add a pin too.
      this.closePopup();
      return true;
    }
    return false;
  }

  /** A click on a pin. Returns true when it added the pin to the route being drawn or edited. */
  pinClicked(pin) {
    if (this.draft === null && this.editing !== null) {
      this.appendPin(pin);
      return true;
    }
    if (this.draft === null) return false;
    if (this.isDoubleClick({ pinId: pin.id })) this.finish(); else this.addPoint({ pinId: pin.id }, null);
    return true;
  }

  /** Whether this click ({point} on the map or {pinId}) is the second of a double-click. */
  isDoubleClick(click) {
    const last = this.lastClick;
    const now = performance.now();
    this.lastClick = { ...click, at: now };
    if (last === undefined || now - last.at > DOUBLE_CLICK_MS) return false;
    if (click.pinId !== undefined) return last.pinId === click.pinId;
    return last.point !== undefined && Math.hypot(last.point.x - click.point.x, last.point.y - click.point.y) < SAME_POINT_PX;
  }

  // --- Drawing a route ----------------------------------------------------------------------------------------

  /** The toolbar's mode changed: "Draw route" starts a new route; leaving it discards the one being drawn. */
  modeChanged(mode) {
    if (mode === 'route') {
      this.closePopup();
      this.stopEditing();
      this.draft = [];
      this.layer?.map.doubleClickZoom.disable();
    } else {
      this.draft = null;
      this.pointer = null;
      this.layer?.map.doubleClickZoom.enable();
    }
    this.renderDraft();
  }

  addPoint(point, pixel) {
    const limit = Number.isInteger(this.state.limits.routePoints) ? this.state.limits.routePoints : 100;
    const last = this.draft[this.draft.length - 1];
    if (last !== undefined && typeof point.pinId === 'string' && last.pinId === point.pinId) return;
    if (last !== undefined && pixel !== null && this.layer !== null && typeof last.pinId !== 'string') {
      const at = this.layer.map.project([last.lng, last.lat]);
      if (Math.hypot(at.x - pixel.x, at.y - pixel.y) < SAME_POINT_PX) return;
    }
    if (this.draft.length >= limit) {
      this.toasts.show(`A route has at most ${limit} points.`, { kind: 'warning' });
      return;
    }
    this.draft.push(point);
    this.renderDraft();
  }

  undo() {
    if (this.draft === null || this.draft.length === 0) return;
    this.draft.pop();
    this.renderDraft();
  }

  finish() {
    if (this.draft === null) return;
    if (this.draft.length < 2) {
      this.toasts.show('A route needs at least two points: click the map or pins to add them.', { kind: 'warning' });
      return;
    }
    const route = { ...this.toolbar.newRoute(), points: this.draft };
    if (this.request(addRoute(route), { what: 'Adding a route' })) {
      this.lastClick = undefined;
      this.toolbar.labelInput.value = '';
      this.draft = [];
      this.pointer = null;
      this.renderDraft();
    }
  }

  onKey(event) {
    const typing = event.target instanceof Element && event.target.closest('input, textarea, select');
    if (this.draft !== null) {
      if (event.key === 'Escape') { event.preventDefault(); this.toolbar.setMode(null); return; }
      if (event.key === 'Enter' && (!typing || event.target === this.toolbar.labelInput)) { event.preventDefault(); this.finish(); return; }
      if (event.key === 'Backspace' && !typing) { event.preventDefault(); this.undo(); }
      return;
    }
    if (event.key === 'Escape' && this.editing !== null) this.stopEditing();
    else if (event.key === 'Escape' && this.open !== null) this.closePopup();
  }

  // --- A route's popup ------------------------------------------------------------------------------------------

  /** Opens a route's popup at a place (or the route's middle point); fly: bring the whole route into view. */
  openRoute(id, at, fly) {
    const route = this.state.routes.get(id);
    if (route === undefined || this.layer === null) return;
    if (this.draft !== null) this.toolbar.setMode(null);
    this.closePopup();
    this.beforeOpen();
    const locations = routeLocations(route, this.state.pins);
    if (locations.length === 0) return;
    const where = at ?? locations[Math.floor((locations.length - 1) / 2)];
    const card = new RouteCard({
      unit: this.unit,
      labelLength: this.state.limits.labelLength,
      onUnit: (unit) => this.setUnit(unit),
      onEdit: () => this.startEditing(id),
      onDelete: () => this.deleteRoute(id, card),
      onSave: (set) => this.saveRoute(id, card, set),
    });
    const entry = { routeId: id, card, popup: null };
    this.open = entry;
    const show = () => {
      if (this.open !== entry || entry.popup !== null) return;
      entry.popup = this.layer.openPopup(where, card.element, () => {
        if (this.open === entry) { this.open = null; this.render(); }
      });
      this.render();
      this.fitPopup(entry.popup);
    };
    this.render();
    if (fly) {
      // The popup opens where the route is in view, not somewhere along the way.
      this.layer.fit(locations);
      this.layer.map.once('moveend', show);
      setTimeout(show, 1000);
    } else {
      show();
    }
  }

  closePopup() {
    if (this.open === null) return;
    const { popup } = this.open;
    this.open = null;
    popup?.remove();
  }

  deleteRoute(id, card) {
    const route = this.state.routes.get(id);
    if (route === undefined) return;
    card.setBusy(true);
    card.showProblem('');
    this.request(removeRoute(route.id, route.version), {
      what: `Deleting ${quoted(route)}`,
      onError: (error, reason) => { card.setBusy(false); card.showProblem(`Not deleted: ${reason}`); },
      onDone: () => { if (this.open?.card === card) this.closePopup(); },
    });
  }

  /** Sends a new label and/or colour (set) of a route; a refused change shows the room's route again. */
  saveRoute(id, card, set) {
    const route = this.state.routes.get(id);
    if (route === undefined) return;
    card.setSaving(true);
    card.showProblem('');
    const what = set.label !== undefined ? `Renaming ${quoted(route)}` : `Recolouring ${quoted(route)}`;
    this.request(updateRoute(route.id, route.version, set), {
      what,
      onError: (error, reason) => {
        card.setSaving(false);
        card.reset(this.state.routes.get(id) ?? route);
        card.showProblem(`Not saved: ${reason}`);
      },
      onDone: () => {
        card.setSaving(false);
        card.reset(this.state.routes.get(id) ?? route);
        this.render();
      },
    });
  }

  // --- Editing a route's points ---------------------------------------------------------------------------------

  startEditing(id) {
    const route = this.state.routes.get(id);
    if (route === undefined) return;
    this.closePopup();
    this.editing = { routeId: id, points: route.points, pendingRef: null };
    this.editingText.textContent = `Editing ${quoted(route)}: drag points, click the line to add one, `
      + 'right-click a point or its × to remove it.';
    this.editingText.title = 'Points at pins move with their pins. A click on a pin adds it at the end of the route.';
    this.editingElement.hidden = false;
    this.editingElement.dataset.routeId = id;
    this.render();
  }

  stopEditing() {
    if (this.editing === null) return;
    this.editing = null;
    this.editingElement.hidden = true;
    delete this.editingElement.dataset.routeId;
    this.layer?.clearHandles();
    this.render();
  }

  showHandles() {
    if (this.layer === null || this.editing === null) return;
    const route = this.state.routes.get(this.editing.routeId);
    if (route === undefined) return;
    const points = this.editing.points;
    const locations = points.map((p) => (typeof p.pinId === 'string'
      ? (this.state.pins.has(p.pinId) ? { ...this.state.pins.get(p.pinId).location } : null)
      : { lat: p.lat, lng: p.lng }));
    // While a handle is dragged it stays under the pointer: only the line follows.
    if (this.dragging) return;
    this.layer.showHandles(points, locations, colorOf(route),
      (index, location, done) => this.pointMoved(index, location, done),
      (index) => this.removePoint(index));
  }

  /** Whether new points may be sent now (the last change must be answered first: it gives the version to edit). */
  canChangePoints() {
    if (this.editing === null) return false;
    if (this.editing.pendingRef === null && !this.dragging) return true;
    this.toasts.show('The last change to this route is still being saved: try again in a moment.', { kind: 'warning' });
    return false;
  }

  /** A click on the line of the route being edited (pixel: where on the map): a free point there. */
  insertPointAt(lat, lng, pixel) {
    if (!this.canChangePoints()) return;
    const editing = this.editing;
    const limit = Number.isInteger(this.state.limits.routePoints) ? this.state.limits.routePoints : 100;
    if (editing.points.length >= limit) {
      this.toasts.show(`A route has at most ${limit} points.`, { kind: 'warning' });
      return;
    }
    // Into the segment nearest to the click, as drawn.
    const pins = this.state.pins;
    const at = editing.points.map((p) => {
      const l = routeLocations({ points: [p] }, pins)[0];
      return l === undefined ? null : this.layer.map.project([l.lng, l.lat]);
    });
    let best = -1;
    let bestDistance = Infinity;
    for (let i = 0; i + 1 < at.length; i += 1) {
      if (at[i] === null || at[i + 1] === null) continue;
      const d = segmentDistance(pixel, at[i], at[i + 1]);
      if (d < bestDistance) { best = i; bestDistance = d; }
    }
    if (best < 0) return;
    const points = [...editing.points.slice(0, best + 1), { lat, lng }, ...editing.points.slice(best + 1)];
    this.sendPoints(points, 'Adding a point to');
  }

  /** A click on a pin while a route's points are edited: the pin becomes the route's last point. */
  appendPin(pin) {
    if (!this.canChangePoints()) return;
    const points = this.editing.points;
    const limit = Number.isInteger(this.state.limits.routePoints) ? this.state.limits.routePoints : 100;
    if (points[points.length - 1]?.pinId === pin.id) {
      this.toasts.show('That pin is already the end of the route.', { kind: 'warning' });
      return;
    }
    if (points.length >= limit) {
      this.toasts.show(`A route has at most ${limit} points.`, { kind: 'warning' });
      return;
    }
    this.sendPoints([...points, { pinId: pin.id }], 'Adding a pin to');
  }

  removePoint(index) {
    if (!this.canChangePoints()) return;
    const points = this.editing.points;
    if (index < 0 || index >= points.length) return;
    if (points.length <= 2) {
      this.toasts.show('A route needs at least two points: this point cannot be removed. Delete the route instead.', { kind: 'warning' });
      return;
    }
    this.sendPoints(points.filter((_, i) => i !== index), 'Removing a point of');
  }

  /** Shows the route being edited with these points and sends them (updateRoute); a refusal goes back. */
  sendPoints(points, doing) {
    const editing = this.editing;
    const route = this.state.routes.get(editing.routeId);
    if (route === undefined) return;
    editing.points = points;
    const message = updateRoute(route.id, route.version, { points });
    editing.pendingRef = message.ref;
    this.render();
    this.request(message, {
      what: `${doing} ${quoted(route)}`,
      onError: () => {
        if (this.editing !== editing) return;
        const latest = this.state.routes.get(editing.routeId);
        if (latest === undefined) { this.stopEditing(); return; }
        editing.points = latest.points;
        editing.pendingRef = null;
        this.render();
      },
    });
  }

  pointMoved(index, location, done) {
    if (this.editing === null) return;
    const editing = this.editing;
    editing.points = editing.points.map((p, i) => (i === index ? { lat: location.lat, lng: location.lng } : p));
    this.dragging = !done;
    this.render();
    if (!done) return;
    const route = this.state.routes.get(editing.routeId);
    if (route === undefined) return;
    const message = updateRoute(route.id, route.version, { points: editing.points });
    editing.pendingRef = message.ref;
    this.request(message, {
      what: `Moving a point of ${quoted(route)}`,
      onError: () => {
        // Back to the room's route (which may have changed meanwhile: that is shown).
        if (this.editing !== editing) return;
        const latest = this.state.routes.get(editing.routeId);
        if (latest === undefined) { this.stopEditing(); return; }
        editing.points = latest.points;
        editing.pendingRef = null;
        this.render();
      },
    });
  }
}

/** The distance in pixels from p to the segment a–b. */
function segmentDistance(p, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function colorOf(route) {
  return isColor(route.color) ? route.color : DEFAULT_ROUTE_COLOR;
}
