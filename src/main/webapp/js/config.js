// Runtime settings of the page, from config.json next to it (served by the application, set by operators).
// Any failure falls back to the built-in offline base map and the default ping interval, so the page still works.

export const DEFAULT_CONFIG = Object.freeze({ styleUrl: 'map/style.json', pingIntervalMs: 30000 });

// Outside these bounds a value is a mistake (a ping every millisecond, or never) and the default is used.
const MIN_PING_MS = 1000;
const MAX_PING_MS = 10 * 60 * 1000;

export async function loadConfig(url = 'config.json') {
  let raw;
  try {
    const response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    raw = await response.json();
  } catch (err) {
    console.warn(`waypoint: ${url} not usable (${err.message}); using the built-in defaults`);
    return { ...DEFAULT_CONFIG };
  }
  const config = { ...DEFAULT_CONFIG };
  if (raw && typeof raw.styleUrl === 'string' && raw.styleUrl.trim() !== '') config.styleUrl = raw.styleUrl.trim();
  if (raw && Number.isFinite(raw.pingIntervalMs) && raw.pingIntervalMs >= MIN_PING_MS && raw.pingIntervalMs <= MAX_PING_MS) {
    config.pingIntervalMs = raw.pingIntervalMs;
  }
  return config;
}
