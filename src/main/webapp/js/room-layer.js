// The room's pins and shared locations on the map, as HTML markers (the offline base style has no glyphs, so a
// label cannot be a symbol layer). Pins can be dragged and clicked; what that means is up to the caller:
//   onMove(pin, lat, lng)   a pin was dropped somewhere else (the marker stays there until revertPin or showPin)
//   onOpen(pin)             a pin was clicked
// Every pin marker carries, for tests and for anyone inspecting the page, the pin as the server sent it:
// class waypoint-pin (the legacy pin also waypoint-marker, as on the version 1 page), data-pin-id, data-lat, data-lng,
// data-color, data-label. A shared location is a .waypoint-participant with data-participant-id, data-lat, data-lng.

import * as maplibregl from '../lib/maplibre-gl/maplibre-gl.mjs';
import { DEFAULT_COLOR, isColor, symbolElement, symbolTitle } from './symbols.js';

export const LEGACY_PIN = 'legacy';

// A click that ends a drag is not a click on the pin.
const CLICK_AFTER_DRAG_MS = 300;

export class RoomLayer {
  constructor(map, { onMove, onOpen }) {
    this.map = map;
    this.onMove = onMove;
    this.onOpen = onOpen;
    /** @type {Map<string, {marker: maplibregl.Marker, pin: object, dragging: boolean, draggedAt: number}>} */
    this.pins = new Map();
    /** @type {Map<string, maplibregl.Marker>} */
    this.people = new Map();
    this.editable = true;
    // When true, a click on a pin still calls onOpen while the pins cannot be edited (a read-only embedded map
    // selects pins).
    this.openWhenLocked = false;
  }

  /** Pins can be dragged and opened only while the page may edit (connected with version 2). */
  setEditable(editable) {
    this.editable = editable;
    for (const entry of this.pins.values()) entry.marker.setDraggable(editable);
  }

  /** Shows every pin of a snapshot, removing those no longer there. */
  resetPins(pins) {
    const ids = new Set(pins.map((p) => p.id));
    for (const id of [...this.pins.keys()]) if (!ids.has(id)) this.removePin(id);
    for (const pin of pins) this.showPin(pin);
  }

  showPin(pin) {
    let entry = this.pins.get(pin.id);
    if (entry === undefined) {
      entry = this.createPin(pin);
      this.pins.set(pin.id, entry);
    }
    entry.pin = pin;
    renderPin(entry.marker.getElement(), pin);
    // A pin being dragged here stays under the pointer; where it lands decides.
    if (!entry.dragging) entry.marker.setLngLat([pin.location.lng, pin.location.lat]);
  }

  /** Puts a pin's marker back where the server says the pin is (after a refused move). */
  revertPin(id) {
    const entry = this.pins.get(id);
    if (entry !== undefined && !entry.dragging) entry.marker.setLngLat([entry.pin.location.lng, entry.pin.location.lat]);
  }

  removePin(id) {
    const entry = this.pins.get(id);
    if (entry === undefined) return;
    entry.marker.remove();
    this.pins.delete(id);
  }

  pinElement(id) {
    return this.pins.get(id)?.marker.getElement() ?? null;
  }

  createPin(pin) {
    const legacy = pin.id === LEGACY_PIN;
    const element = document.createElement('div');
    element.className = legacy ? 'waypoint-marker waypoint-pin waypoint-pin-legacy' : 'waypoint-pin';
    element.tabIndex = 0;
    element.setAttribute('role', 'button');
    const marker = new maplibregl.Marker({ element, anchor: legacy ? 'center' : 'bottom', draggable: this.editable })
      .setLngLat([pin.location.lng, pin.location.lat])
      .addTo(this.map);
    const entry = { marker, pin, dragging: false, draggedAt: 0 };
    marker.on('dragstart', () => { entry.dragging = true; element.classList.add('dragging'); });
    marker.on('dragend', () => {
      entry.dragging = false;
      entry.draggedAt = performance.now();
      element.classList.remove('dragging');
      const { lat, lng } = marker.getLngLat().wrap();
      if (lat !== entry.pin.location.lat || lng !== entry.pin.location.lng) this.onMove(entry.pin, lat, lng);
    });
    const open = (event) => {
      event.stopPropagation();
      if ((!this.editable && !this.openWhenLocked) || performance.now() - entry.draggedAt < CLICK_AFTER_DRAG_MS) return;
      this.onOpen(entry.pin);
    };
    element.addEventListener('click', open);
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(event); }
    });
    return entry;
  }

  /**
   * Opens a popup at a pin with the given content (one popup at a time); onClose runs when it closes by any way.
   * @returns {maplibregl.Popup}
   */
  openPopup(pin, content, onClose) {
    const legacy = pin.id === LEGACY_PIN;
    const popup = new maplibregl.Popup({
      closeOnClick: false,
      closeButton: true,
      maxWidth: '340px',
      className: 'pin-popup',
      // Above the marker: the round legacy pin is anchored at its centre, the others at their tip.
      anchor: 'bottom',
      offset: legacy ? 20 : 34,
      focusAfterOpen: false,
    }).setLngLat([pin.location.lng, pin.location.lat]).setDOMContent(content).addTo(this.map);
    // Fits again when the content grows (a metadata row added), and not after the popup closed.
    const resized = new ResizeObserver(() => this.fit(popup));
    resized.observe(content);
    popup.on('close', () => { resized.disconnect(); onClose(); });
    this.fit(popup);
    return popup;
  }

  /**
   * Pans the map, if needed, so that a popup is wholly in view and not under the panels floating over the map
   * (the elements of this.obstacles(), a function the page may set).
   */
  fit(popup) {
    if (!popup.isOpen()) return;
    const margin = 12;
    const box = this.map.getContainer().getBoundingClientRect();
    const rect = popup.getElement().getBoundingClientRect();
    let dx = 0;
    let dy = 0;
    if (rect.top < box.top + margin) dy = rect.top - (box.top + margin);
    if (rect.left < box.left + margin) dx = rect.left - (box.left + margin);
    else if (rect.right > box.right - margin) dx = rect.right - (box.right - margin);
    for (const obstacle of this.obstacles?.() ?? []) {
      const o = obstacle.getBoundingClientRect();
      if (o.width === 0 || o.height === 0) continue;
      const top = rect.top - dy;
      const left = rect.left - dx;
      const overlaps = left < o.right && left + rect.width > o.left && top < o.bottom && top + rect.height > o.top;
      // Down below the panel while the pin stays on the map; else sideways.
      if (overlaps && top + (o.bottom + margin - top) + rect.height < box.bottom - 40) dy -= o.bottom + margin - top;
      else if (overlaps && o.left > box.left + box.width / 2) dx += left + rect.width - (o.left - margin);
    }
    if (Math.abs(dx) >= 1 || Math.abs(dy) >= 1) this.map.panBy([dx, dy], { duration: 200 });
  }

  /** Shows the shared locations of a snapshot (participants without `sharing` get no marker). */
  resetParticipants(participants, you) {
    const sharing = new Set(participants.filter((p) => p.sharing).map((p) => p.id));
    for (const id of [...this.people.keys()]) if (!sharing.has(id)) this.removeParticipant(id);
    for (const participant of participants) this.showParticipant(participant, participant.id === you);
  }

  showParticipant(participant, isYou) {
    const sharing = participant.sharing;
    if (!sharing || !Number.isFinite(sharing.lat) || !Number.isFinite(sharing.lng)) {
      this.removeParticipant(participant.id);
      return;
    }
    let marker = this.people.get(participant.id);
    if (marker === undefined) {
      const element = document.createElement('div');
      element.className = 'waypoint-participant';
      element.setAttribute('role', 'img');
      const dot = document.createElement('span');
      dot.className = 'participant-dot';
      const name = document.createElement('span');
      name.className = 'participant-name';
      element.append(dot, name);
      marker = new maplibregl.Marker({ element }).setLngLat([sharing.lng, sharing.lat]).addTo(this.map);
      this.people.set(participant.id, marker);
    } else {
      marker.setLngLat([sharing.lng, sharing.lat]);
    }
    const element = marker.getElement();
    const color = isColor(participant.color) ? participant.color : '#607d8b';
    const name = typeof participant.name === 'string' ? participant.name : 'Someone';
    element.style.setProperty('--person-color', color);
    element.classList.toggle('is-you', isYou);
    element.dataset.participantId = participant.id;
    element.dataset.lat = String(sharing.lat);
    element.dataset.lng = String(sharing.lng);
    element.querySelector('.participant-name').textContent = isYou ? `${name} (you)` : name;
    const accuracy = Number.isFinite(sharing.accuracy) ? `, within ${Math.round(sharing.accuracy)} m` : '';
    element.setAttribute('aria-label', `${name} is here${accuracy}`);
    element.title = `${name}${isYou ? ' (you)' : ''}${accuracy}`;
  }

  removeParticipant(id) {
    const marker = this.people.get(id);
    if (marker === undefined) return;
    marker.remove();
    this.people.delete(id);
  }

  clear() {
    for (const id of [...this.pins.keys()]) this.removePin(id);
    for (const id of [...this.people.keys()]) this.removeParticipant(id);
  }
}

/** Brings a pin marker's content and data attributes up to date with the pin. */
function renderPin(element, pin) {
  const color = isColor(pin.color) ? pin.color : DEFAULT_COLOR;
  const label = typeof pin.label === 'string' ? pin.label : '';
  element.style.setProperty('--pin-color', color);
  element.dataset.pinId = pin.id;
  element.dataset.lat = String(pin.location.lat);
  element.dataset.lng = String(pin.location.lng);
  element.dataset.color = color;
  element.dataset.label = label;
  element.dataset.version = String(pin.version ?? '');
  const symbol = typeof pin.symbol === 'string' ? pin.symbol : '';
  if (element.dataset.symbol !== symbol || element.childElementCount === 0) {
    element.dataset.symbol = symbol;
    const head = document.createElement('span');
    head.className = 'pin-head';
    const text = document.createElement('span');
    text.className = 'pin-label';
    element.replaceChildren(head, symbolElement(symbol), text);
  }
  element.querySelector('.pin-label').textContent = label;
  element.title = symbol === '' ? label : `${label} (${symbolTitle(symbol)})`;
  element.setAttribute('aria-label', `Pin “${label}” at latitude ${pin.location.lat.toFixed(5)}, longitude ${pin.location.lng.toFixed(5)}. Drag to move, press Enter to edit.`);
}
