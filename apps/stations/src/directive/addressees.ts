import { childDivisions, divisionName, isKnownDivision } from '@ws/contracts';

/**
 * Test nodes have synthetic codes (`x` + hex, see PlatformEnv and testNodeCode) that no GB/T 2260
 * list holds; below such a node any two hex digits name a child, so the federation can be tested
 * with codes that never collide with a real node.
 */
function isSynthetic(code: string): boolean {
  return code.startsWith('x');
}

/** True if `code` is a direct child of `parent`: one level below it, and a real division (GB/T 2260). */
export function isChildNode(parent: string, code: string): boolean {
  if (code.length !== parent.length + 2 || !code.startsWith(parent)) return false;
  return isSynthetic(parent) ? /^[0-9a-f]{2}$/.test(code.slice(parent.length)) : isKnownDivision(code);
}

/** The direct child of `ancestor` whose subtree holds `code` (codes nest by prefix), or undefined. */
export function childOf(ancestor: string, code: string): string | undefined {
  return code.length > ancestor.length && code.startsWith(ancestor) ? code.slice(0, ancestor.length + 2) : undefined;
}

/** The children a directive expects answers from: the named ones, or every child division plus those seen in the subtree. */
export function expectedChildren(issuer: string, named: readonly string[] | null, seen: Iterable<string>): string[] {
  if (named !== null) return [...named].sort();
  const children = new Set(childDivisions(issuer));
  for (const code of seen) {
    const child = childOf(issuer, code);
    if (child && isChildNode(issuer, child)) children.add(child);
  }
  return [...children].sort();
}

export function nodeName(code: string): string {
  return divisionName(code) ?? code;
}
