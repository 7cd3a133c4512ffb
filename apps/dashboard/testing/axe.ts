import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** axe's reason for the first element (the colours and ratio, for a contrast failure). */
  why?: string;
}

/**
 * axe-core's own script injected into the page (@axe-core/playwright wants Node 22), run over
 * the whole document; the serious and critical violations, each with the elements at fault.
 * Evaluated through the DevTools protocol rather than added as a <script>: the pages' content
 * security policy refuses inline scripts, and rightly so.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, so this Node-side file needs no DOM types: it runs in the page.
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')), why: v.nodes[0] && v.nodes[0].failureSummary }));
  })()`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
