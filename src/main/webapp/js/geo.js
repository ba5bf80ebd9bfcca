// Distances for routes and the meeting point, worked out in the page (src/docs/protocol-v2.md: a route's length is
// the sum of the great-circle distances between its points as they are now, haversine on a sphere of the mean
// Earth radius), and their text in the viewer's unit (km or mi, remembered in localStorage).

import { remembered, remember } from './storage.js';

export const EARTH_RADIUS_M = 6371008.8;
export const METERS_PER_MILE = 1609.344;
export const UNITS = ['km', 'mi'];

const rad = (deg) => (deg * Math.PI) / 180;

/** The great-circle distance in metres between two {lat, lng}. */
export function haversine(a, b) {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The sum of the great-circle distances between consecutive {lat, lng}. */
export function pathLength(locations) {
  let meters = 0;
  for (let i = 1; i < locations.length; i++) meters += haversine(locations[i - 1], locations[i]);
  return meters;
}

/**
 * A route's points as {lat, lng}, a pin's point where the pin is now (pins: Map id -> pin). A point naming a pin the
 * page does not know (yet) is left out.
 */
export function routeLocations(route, pins) {
  const locations = [];
  for (const point of route.points) {
    if (typeof point.pinId === 'string') {
      const pin = pins.get(point.pinId);
      if (pin !== undefined) locations.push({ lat: pin.location.lat, lng: pin.location.lng });
    } else if (Number.isFinite(point.lat) && Number.isFinite(point.lng)) {
      locations.push({ lat: point.lat, lng: point.lng });
    }
  }
  return locations;
}

/**
 * A line's coordinates for MapLibre ([lng, lat] pairs), unwrapped so that a segment crossing the antimeridian takes
 * the short way (each longitude is within 180° of the one before).
 */
export function lineCoordinates(locations) {
  const coordinates = [];
  let previous = null;
  for (const { lat, lng } of locations) {
    let x = lng;
    if (previous !== null) {
      while (x - previous > 180) x -= 360;
      while (x - previous < -180) x += 360;
    }
    coordinates.push([x, lat]);
    previous = x;
  }
  return coordinates;
}

/** The viewer's unit: 'km' (default) or 'mi'. */
export function distanceUnit() {
  const unit = remembered('distanceUnit');
  return UNITS.includes(unit) ? unit : 'km';
}

export function setDistanceUnit(unit) {
  if (UNITS.includes(unit)) remember('distanceUnit', unit);
}

/**
 * A distance in the unit: two decimals below 100, one below 1,000, none above (e.g. "2.35 km", "146.2 mi",
 * "1,204 km"), with the browser's number format.
 */
export function formatDistance(meters, unit = distanceUnit()) {
  const value = unit === 'mi' ? meters / METERS_PER_MILE : meters / 1000;
  const digits = value < 100 ? 2 : value < 1000 ? 1 : 0;
  const number = value.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${number} ${unit}`;
}
