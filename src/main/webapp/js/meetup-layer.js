// The meeting point: where the people who share their location should meet (worked out by the server), as a
// distinct marker (.waypoint-meetup with data-lat, data-lng, data-method) and each person's way there as a dashed
// line in their colour (one GeoJSON source), and its description (method, the server's note, each person's
// distance) for the people panel and the marker's popup. Nothing is shown when there is no meeting point.

import * as maplibregl from '../lib/maplibre-gl/maplibre-gl.mjs';
import { formatDistance, lineCoordinates } from './geo.js';
import { whenStyleReady } from './routes-layer.js';
import { isColor } from './symbols.js';

const SOURCE = 'waypoint-meetup';
const EMPTY = { type: 'FeatureCollection', features: [] };
const METHODS = {
  'great-circle': 'Nearest for everyone as the crow flies (straight lines)',
  router: 'Chosen on travel time along roads',
};

const personColor = (person) => (isColor(person?.color) ? person.color : '#607d8b');
const personName = (person, you) => {
  const name = typeof person?.name === 'string' && person.name !== '' ? person.name : 'Someone';
  return person?.id === you ? `${name} (you)` : name;
};

function formatDuration(seconds) {
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * The meeting point in words: title (with a "Show" button when onShow is given), method, note, each person's way.
 * @param {object} meetup  as the server sent it
 * @param {Map<string, object>} participants
 */
export function describeMeetup(element, meetup, { participants, you, unit, onShow = null }) {
  const title = document.createElement('div');
  title.className = 'meetup-title';
  const icon = document.createElement('span');
  icon.className = 'icon icon-star';
  icon.setAttribute('aria-hidden', 'true');
  title.append(icon, document.createTextNode('Meeting point'));
  if (onShow !== null) {
    const show = document.createElement('button');
    show.type = 'button';
    show.className = 'link-button meetup-show';
    show.textContent = 'Show';
    show.title = 'Show the meeting point on the map';
    show.addEventListener('click', onShow);
    title.append(show);
  }
  const method = document.createElement('div');
  method.className = 'meetup-method';
  method.dataset.method = String(meetup.method ?? '');
  method.textContent = METHODS[meetup.method] ?? String(meetup.method ?? '');
  const parts = [title, method];
  if (typeof meetup.note === 'string' && meetup.note !== '') {
    const note = document.createElement('p');
    note.className = 'meetup-note';
    note.textContent = meetup.note;
    parts.push(note);
  }
  const legs = document.createElement('ul');
  legs.className = 'meetup-legs';
  for (const leg of Array.isArray(meetup.routes) ? meetup.routes : []) {
    const person = participants.get(leg.participantId);
    const item = document.createElement('li');
    item.dataset.participantId = String(leg.participantId);
    const dot = document.createElement('span');
    dot.className = 'color-dot';
    dot.style.setProperty('--dot', personColor(person));
    const name = document.createElement('span');
    name.className = 'participant-label';
    name.textContent = personName(person, you);
    const distance = document.createElement('span');
    distance.className = 'leg-distance';
    distance.textContent = [
      Number.isFinite(leg.distanceMeters) ? formatDistance(leg.distanceMeters, unit) : '',
      Number.isFinite(leg.durationSeconds) ? formatDuration(leg.durationSeconds) : '',
    ].filter(Boolean).join(' · ');
    item.append(dot, name, distance);
    legs.append(item);
  }
  parts.push(legs);
  element.replaceChildren(...parts);
}

export class MeetupLayer {
  constructor(map) {
    this.map = map;
    this.ready = false;
    this.data = EMPTY;
    this.marker = null;
    this.popup = null;
    this.describe = null;
    whenStyleReady(map, () => {
      map.addSource(SOURCE, { type: 'geojson', data: this.data });
      map.addLayer({
        id: `${SOURCE}-casing`, type: 'line', source: SOURCE,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': 5, 'line-opacity': 0.8 },
      });
      map.addLayer({
        id: SOURCE, type: 'line', source: SOURCE,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': ['get', 'color'], 'line-width': 3, 'line-dasharray': [2, 1.5] },
      });
      this.ready = true;
      map.getSource(SOURCE).setData(this.data);
    });
  }

  /**
   * Shows the meeting point, or nothing when meetup is null.
   * describe(element): fills an element with the meeting point's description (for the popup).
   */
  show(meetup, participants, describe) {
    this.describe = describe;
    if (meetup === null) {
      this.clear();
      return;
    }
    const { lat, lng } = meetup.point;
    if (this.marker === null) {
      const element = document.createElement('div');
      element.className = 'waypoint-meetup';
      element.tabIndex = 0;
      element.setAttribute('role', 'button');
      const ring = document.createElement('span');
      ring.className = 'meetup-ring';
      const star = document.createElement('span');
      star.className = 'icon icon-star meetup-star';
      const caption = document.createElement('span');
      caption.className = 'meetup-caption';
      caption.textContent = 'Meet here';
      element.append(ring, star, caption);
      const open = (event) => { event.stopPropagation(); this.openPopup(); };
      element.addEventListener('click', open);
      element.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(event); }
      });
      this.marker = new maplibregl.Marker({ element, anchor: 'center' }).setLngLat([lng, lat]).addTo(this.map);
    } else {
      this.marker.setLngLat([lng, lat]);
    }
    const element = this.marker.getElement();
    element.dataset.lat = String(lat);
    element.dataset.lng = String(lng);
    element.dataset.method = String(meetup.method ?? '');
    element.title = `Meeting point (${meetup.method ?? 'unknown method'})${meetup.note ? `: ${meetup.note}` : ''}`;
    element.setAttribute('aria-label', `Meeting point at latitude ${lat.toFixed(5)}, longitude ${lng.toFixed(5)}`);
    this.popup?.setLngLat([lng, lat]);
    if (this.popup !== null) this.describe(this.popup.getElement().querySelector('.meetup-info'));

    this.data = {
      type: 'FeatureCollection',
      features: (Array.isArray(meetup.routes) ? meetup.routes : [])
        .filter((leg) => Array.isArray(leg.points) && leg.points.length >= 2)
        .map((leg) => ({
          type: 'Feature',
          properties: { participantId: String(leg.participantId), color: personColor(participants.get(leg.participantId)) },
          geometry: {
            type: 'LineString',
            coordinates: lineCoordinates(leg.points.filter((p) => Number.isFinite(p?.lat) && Number.isFinite(p?.lng))),
          },
        })),
    };
    if (this.ready) this.map.getSource(SOURCE).setData(this.data);
  }

  openPopup() {
    if (this.marker === null) return;
    this.popup?.remove();
    const content = document.createElement('div');
    content.className = 'meetup-info';
    this.describe(content);
    const popup = new maplibregl.Popup({ closeOnClick: true, maxWidth: '280px', className: 'meetup-popup', offset: 20, focusAfterOpen: false })
      .setLngLat(this.marker.getLngLat()).setDOMContent(content).addTo(this.map);
    popup.on('close', () => { if (this.popup === popup) this.popup = null; });
    this.popup = popup;
  }

  flyTo() {
    if (this.marker !== null) this.map.flyTo({ center: this.marker.getLngLat(), zoom: Math.max(this.map.getZoom(), 5) });
  }

  clear() {
    this.popup?.remove();
    this.popup = null;
    this.marker?.remove();
    this.marker = null;
    this.data = EMPTY;
    if (this.ready) this.map.getSource(SOURCE).setData(EMPTY);
  }
}
