// The room's routes on the map: one GeoJSON source with a line per route in its colour (the offline base style has
// no glyphs, so nothing here is text), the route being drawn (dashed, with its points), and, while a route's points
// are edited, a handle per point (HTML markers): a free point's can be dragged (a pin's point moves with its pin),
// and each can be removed by a right-click or its small × button.
// It knows nothing about the room or the socket: the page gives it lines as {id, color, locations}.

import * as maplibregl from '../lib/maplibre-gl/maplibre-gl.mjs';
import { lineCoordinates } from './geo.js';

const ROUTES = 'waypoint-routes';
const ROUTES_HIT = 'waypoint-routes-hit';
const DRAFT = 'waypoint-route-draft';
const EMPTY = { type: 'FeatureCollection', features: [] };
/** How far from a line (in pixels) a click still hits it. */
const HIT_PX = 6;

/**
 * Runs fn (which adds sources and layers) once the map's style is loaded: now if it is, else on the map's 'load'.
 * (isStyleLoaded() is no test: it is false while any source, such as one just added, is still being loaded.)
 */
export function whenStyleReady(map, fn) {
  try {
    fn();
  } catch (err) {
    if (!/not done loading/i.test(String(err?.message))) throw err;
    map.once('load', () => fn());
  }
}

export class RoutesLayer {
  constructor(map) {
    this.map = map;
    this.ready = false;
    this.routesData = EMPTY;
    this.draftData = EMPTY;
    /** @type {maplibregl.Marker[]} */
    this.handles = [];
    whenStyleReady(map, () => this.addLayers());
  }

  addLayers() {
    const map = this.map;
    map.addSource(ROUTES, { type: 'geojson', data: this.routesData });
    map.addSource(DRAFT, { type: 'geojson', data: this.draftData });
    map.addLayer({
      id: `${ROUTES}-casing`, type: 'line', source: ROUTES,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.9 },
    });
    map.addLayer({
      id: ROUTES, type: 'line', source: ROUTES,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ['get', 'color'], 'line-width': ['case', ['get', 'selected'], 5.5, 4] },
    });
    // Wide and transparent: what a click on a route hits.
    map.addLayer({
      id: ROUTES_HIT, type: 'line', source: ROUTES,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': 'rgba(0, 0, 0, 0)', 'line-width': HIT_PX * 2 + 4 },
    });
    map.addLayer({
      id: `${DRAFT}-line`, type: 'line', source: DRAFT, filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ['get', 'color'], 'line-width': 4, 'line-dasharray': [1.5, 1.2],
        'line-opacity': ['case', ['get', 'preview'], 0.55, 1] },
    });
    map.addLayer({
      id: `${DRAFT}-points`, type: 'circle', source: DRAFT, filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': ['get', 'color'], 'circle-stroke-width': 3 },
    });
    map.on('mouseenter', ROUTES_HIT, () => { if (!this.drawing) map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', ROUTES_HIT, () => { map.getCanvas().style.cursor = ''; });
    this.ready = true;
    this.flush();
  }

  flush() {
    if (!this.ready) return;
    this.map.getSource(ROUTES).setData(this.routesData);
    this.map.getSource(DRAFT).setData(this.draftData);
  }

  /** Shows these routes (and no others): lines [{id, color, locations, selected}]. */
  setRoutes(lines) {
    this.routesData = {
      type: 'FeatureCollection',
      features: lines.filter((l) => l.locations.length >= 2).map((l) => ({
        type: 'Feature',
        properties: { id: l.id, color: l.color, selected: Boolean(l.selected) },
        geometry: { type: 'LineString', coordinates: lineCoordinates(l.locations) },
      })),
    };
    if (this.ready) this.map.getSource(ROUTES).setData(this.routesData);
  }

  /** The route being drawn: its points, its colour and, if given, where the pointer is (a faint last segment). */
  setDraft(locations, color, pointer = null) {
    this.drawing = locations !== null;
    const features = [];
    if (locations !== null) {
      const coordinates = lineCoordinates(locations);
      if (coordinates.length >= 2) {
        features.push({ type: 'Feature', properties: { color, preview: false }, geometry: { type: 'LineString', coordinates } });
      }
      if (pointer !== null && coordinates.length >= 1) {
        const [last] = coordinates.slice(-1);
        const [tail] = lineCoordinates([{ lat: last[1], lng: last[0] }, pointer]).slice(-1);
        features.push({ type: 'Feature', properties: { color, preview: true }, geometry: { type: 'LineString', coordinates: [last, tail] } });
      }
      for (const c of coordinates) features.push({ type: 'Feature', properties: { color }, geometry: { type: 'Point', coordinates: c } });
    }
    this.draftData = { type: 'FeatureCollection', features };
    if (this.ready) this.map.getSource(DRAFT).setData(this.draftData);
  }

  /** The id of the route under a pixel of the map ({x, y}), or null. */
  routeAt(point) {
    if (!this.ready) return null;
    const box = [[point.x - HIT_PX, point.y - HIT_PX], [point.x + HIT_PX, point.y + HIT_PX]];
    const [hit] = this.map.queryRenderedFeatures(box, { layers: [ROUTES_HIT] });
    return hit?.properties?.id ?? null;
  }

  /**
   * Shows a draggable handle on each free point of a route being edited (points: the route's points, locations the
   * same points as {lat, lng}, null where a pin's point is not known). onDrag(index, {lat, lng}, done) reports moves;
   * onRemove(index) a right-click on a handle or a click on its ×.
   */
  showHandles(points, locations, color, onDrag, onRemove = () => {}) {
    this.clearHandles();
    points.forEach((point, index) => {
      const location = locations[index];
      if (location === null || location === undefined) return;
      const element = document.createElement('div');
      const free = typeof point.pinId !== 'string';
      element.className = free ? 'route-handle' : 'route-handle route-handle-pin';
      element.style.setProperty('--route-color', color);
      element.dataset.index = String(index);
      element.title = free
        ? 'Drag to move this point; right-click to remove it'
        : 'This point follows its pin: move the pin to move it; right-click to remove it';
      element.addEventListener('contextmenu', (event) => {
        event.preventDefault();
        event.stopPropagation();
        onRemove(index);
      });
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'route-handle-remove';
      remove.textContent = '×';
      remove.title = 'Remove this point';
      remove.setAttribute('aria-label', `Remove point ${index + 1}`);
      // Not the start of a drag of the handle, and not a click on the map.
      remove.addEventListener('mousedown', (event) => event.stopPropagation());
      remove.addEventListener('touchstart', (event) => event.stopPropagation(), { passive: true });
      remove.addEventListener('click', (event) => { event.stopPropagation(); onRemove(index); });
      element.append(remove);
      const marker = new maplibregl.Marker({ element, draggable: free })
        .setLngLat([location.lng, location.lat]).addTo(this.map);
      if (free) {
        marker.on('drag', () => { const { lat, lng } = marker.getLngLat().wrap(); onDrag(index, { lat, lng }, false); });
        marker.on('dragend', () => { const { lat, lng } = marker.getLngLat().wrap(); onDrag(index, { lat, lng }, true); });
      }
      this.handles.push(marker);
    });
  }

  clearHandles() {
    for (const marker of this.handles) marker.remove();
    this.handles = [];
  }

  /** Moves the map so that these locations are in view (padding leaves room for the panels). */
  fit(locations) {
    if (locations.length === 0) return;
    const coordinates = lineCoordinates(locations);
    const bounds = coordinates.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(coordinates[0], coordinates[0]));
    const { clientWidth: width, clientHeight: height } = this.map.getContainer();
    const side = Math.min(290, Math.max(20, width / 2 - 100));
    const top = Math.min(90, Math.max(20, height / 2 - 100));
    this.map.fitBounds(bounds, { padding: { top, bottom: top, left: side, right: side }, maxZoom: 15, duration: 600 });
  }

  /** A popup at a place with the given content; onClose runs when it closes by any way. */
  openPopup(location, content, onClose) {
    const popup = new maplibregl.Popup({
      closeOnClick: false, closeButton: true, maxWidth: '320px', className: 'pin-popup route-popup', focusAfterOpen: false,
    }).setLngLat([location.lng, location.lat]).setDOMContent(content).addTo(this.map);
    popup.on('close', () => onClose());
    return popup;
  }
}
