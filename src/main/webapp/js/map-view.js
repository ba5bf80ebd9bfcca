// The map: MapLibre GL JS with the configured style, and the room's one pin (version 1) as a DOM marker.
// Version 2's pins and people are drawn by room-layer.js on this.map.
// It knows nothing about connections: clicks go out through onPick, pins come in through showPin.

import * as maplibregl from '../lib/maplibre-gl/maplibre-gl.mjs';

const PIN_ZOOM = 14;
const FALLBACK_STYLE = 'map/style.json';

/**
 * Fetches a style and returns it ready for MapLibre, or the built-in offline style when it cannot be had.
 * MapLibre resolves a GeoJSON source's relative `data` URL against the page, not against the style that names
 * it; here it is resolved against the style's own URL, so a style and its data can sit together in any folder.
 * Only GeoJSON `data` is rewritten: tile URL templates would be damaged by URL parsing ({z} is percent-encoded).
 * Relative URLs (the style's and the fallback's) are resolved against base: the page by default, Waypoint's own
 * URL for a map embedded in another origin's page.
 * @returns {Promise<{style: object, fellBack: boolean}>}
 */
export async function loadStyle(styleUrl, base = document.baseURI) {
  try {
    return { style: await fetchStyle(styleUrl, base), fellBack: false };
  } catch (err) {
    if (styleUrl === FALLBACK_STYLE) throw err;
    console.warn(`waypoint: style ${styleUrl} not usable (${err.message}); using ${FALLBACK_STYLE}`);
    return { style: await fetchStyle(FALLBACK_STYLE, base), fellBack: true };
  }
}

async function fetchStyle(styleUrl, base) {
  const url = new URL(styleUrl, base);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const style = await response.json();
  if (style === null || typeof style !== 'object' || style.version !== 8) throw new Error('not a MapLibre style (version 8)');
  for (const source of Object.values(style.sources ?? {})) {
    if (source.type === 'geojson' && typeof source.data === 'string') source.data = new URL(source.data, url).href;
  }
  return style;
}

export class MapView {
  /**
   * @param {HTMLElement} container
   * @param {object} options  style: a style object from loadStyle; onPick(lat, lng, point): called on a click (point: the pixel)
   */
  constructor(container, { style, onPick }) {
    this.marker = null;
    this.pin = null;

    this.map = new maplibregl.Map({
      container,
      style,
      center: [0, 25],
      zoom: 1.3,
      attributionControl: { compact: true },
    });
    this.map.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'bottom-right');

    this.map.on('click', (event) => {
      // A click on a marker or a popup is theirs, not a click on the map.
      const target = event.originalEvent?.target;
      if (target instanceof Element && target.closest('.maplibregl-marker, .maplibregl-popup')) return;
      const { lat, lng } = event.lngLat.wrap();
      onPick(lat, lng, event.point);
    });
    // Tests wait for this before clicking: a click before the first render still works, but lands nowhere visible.
    this.map.once('load', () => { container.dataset.loaded = 'true'; });
    this.map.on('error', (event) => console.warn('waypoint: map error', event.error));
  }

  /** Removes the version 1 pin (the page then shows the room through version 2's pins). */
  clearPin() {
    if (this.marker !== null) this.marker.remove();
    this.marker = null;
    this.pin = null;
  }

  /** Shows the room's pin and flies there, unless the pin is already shown at that place. */
  showPin({ lat, lng }) {
    const moved = this.pin === null || this.pin.lat !== lat || this.pin.lng !== lng;
    this.pin = { lat, lng };
    if (this.marker === null) {
      const element = document.createElement('div');
      element.className = 'waypoint-marker waypoint-pin waypoint-pin-legacy';
      element.setAttribute('role', 'img');
      this.marker = new maplibregl.Marker({ element }).setLngLat([lng, lat]).addTo(this.map);
    } else {
      this.marker.setLngLat([lng, lat]);
    }
    // Exposed for tests and for anyone inspecting the page: the pin exactly as the server sent it.
    const element = this.marker.getElement();
    element.dataset.lat = String(lat);
    element.dataset.lng = String(lng);
    element.setAttribute('aria-label', `Pin at latitude ${lat.toFixed(5)}, longitude ${lng.toFixed(5)}`);
    if (moved) this.map.flyTo({ center: [lng, lat], zoom: PIN_ZOOM });
  }
}
