// What every section of the page shares: the data read so far and the way numbers are put on
// the page (text for people, data-value for tests and scripts).

export const state = {
  nodes: null,
  map: null,
  stations: null,
  coverage: null,
  live: null,
  labels: {},
};

export const byId = (id) => document.getElementById(id);

export function setTile(name, text, value) {
  for (const element of document.querySelectorAll(`[data-tile="${name}"]`)) {
    element.textContent = text;
    if (value === undefined || value === null) delete element.dataset.value;
    else element.dataset.value = String(value);
  }
}
