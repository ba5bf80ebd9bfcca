// The page's few remembered choices (display name, colours, symbol) in localStorage, which may be unavailable
// (private modes, storage disabled): then nothing is remembered and nothing fails.

const PREFIX = 'waypoint.';

export function remembered(key) {
  try {
    return window.localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function remember(key, value) {
  try {
    window.localStorage.setItem(PREFIX + key, value);
  } catch {
    // Not remembered: the choice still applies to this page.
  }
}
