// The sensitivity slider: the minimum weight a passage needs to be kept (the engine's
// `minWeight`). Reported while dragging, debounced, since it rebuilds the analyzer.
import { short } from './fr.js';

const DELAY_MS = 150;

/**
 * @param {HTMLInputElement} input type=range
 * @param {HTMLOutputElement} output where the value is written
 * @param {number} initial
 * @param {(minWeight: number) => void} onChange
 */
export function setupSensitivity(input, output, initial, onChange) {
  let timer = 0;
  const value = () => Math.max(0, Number(input.value) || 0);
  const write = () => {
    output.textContent = short(value());
    input.setAttribute('aria-valuetext', `poids minimal ${short(value())}`);
  };
  input.value = String(initial);
  write();
  input.addEventListener('input', () => {
    write();
    clearTimeout(timer);
    timer = setTimeout(() => onChange(value()), DELAY_MS);
  });
  input.addEventListener('change', () => {
    clearTimeout(timer);
    onChange(value());
  });
}
