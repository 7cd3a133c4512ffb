import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OCCUPATION_LABELS } from '@ws/contracts';

// The dashboard page cannot import contracts, so format.js copies the labels; a copy that falls
// behind shows raw codes in the occupation charts.
describe('the dashboard page labels', () => {
  const formatJs = readFileSync(join(__dirname, '..', 'public', 'format.js'), 'utf8');

  it.each(Object.entries(OCCUPATION_LABELS))('name the occupation %s as contracts do (%s)', (code, label) => {
    expect(formatJs).toContain(`  ${code}: '${label}',`);
  });
});
