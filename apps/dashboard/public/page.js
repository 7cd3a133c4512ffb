// What every section of the page shares: the data read so far, the names of the codes and the
// way numbers are put on the page (text for people, data-value for tests and scripts).
import { escapeHtml, formatNumber, nameOf } from './format.js';

export const state = {
  nodes: null,
  map: null,
  stations: null,
  coverage: null,
  live: null,
  labels: {},
  /** The stations service's names of its codes by kind ({ tiers: { street: '街道驿站' }, … }): null until it answers. */
  codes: null,
};

/** The name of a stations code (`kind`: tiers, kinds, statuses, occupations, facilities): the code itself until the names are in. */
export const codeName = (kind, code) => nameOf(state.codes?.[kind] ?? {}, code);

/** The codes of one kind in the service's order (a chart's axis). */
export const codeOrder = (kind) => Object.keys(state.codes?.[kind] ?? {});

export const byId = (id) => document.getElementById(id);

export function setTile(name, text, value) {
  for (const element of document.querySelectorAll(`[data-tile="${name}"]`)) {
    element.textContent = text;
    if (value === undefined || value === null) delete element.dataset.value;
    else element.dataset.value = String(value);
  }
}

/** One figure of a panel's <dl class="numbers">: text for people, data-figure="<name>" and data-value (the exact number) for tests. */
export function figureCell(name, label, value, text = formatNumber(value)) {
  return `<div><dt title="${escapeHtml(label)}">${escapeHtml(label)}</dt><dd data-figure="${escapeHtml(name)}" data-value="${escapeHtml(value)}">${escapeHtml(text)}</dd></div>`;
}
