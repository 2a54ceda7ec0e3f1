// The page's settings in localStorage, under one prefix. Reading never throws (storage
// may be disabled, full, or hold something unexpected): a missing or unreadable value
// gives the fallback.

const PREFIX = 'surligneur:';

/**
 * @template T
 * @param {string} key
 * @param {T} fallback
 * @returns {T}
 */
export function load(key, fallback) {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key);
    return raw == null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

/**
 * Store `value` (JSON). Returns false when the browser refused (quota, privacy mode).
 * @param {string} key
 * @param {unknown} value
 */
export function save(key, value) {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
