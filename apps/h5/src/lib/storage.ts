/** What the phone keeps (localStorage, one key each): never a name or a phone number. */
export function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`ws.${key}`);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(`ws.${key}`, JSON.stringify(value));
  } catch {
    // Private mode or a full store: the page still works, it just remembers less.
  }
}

export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** This phone's own random id (附议 once per phone); not tied to the person. */
export function deviceKey(): string {
  let key = load<string | null>('device', null);
  if (!key) {
    key = randomKey();
    save('device', key);
  }
  return key;
}
