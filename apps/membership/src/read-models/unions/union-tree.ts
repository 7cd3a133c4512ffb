import { nodeRef, type NodeLevel } from '@ws/contracts';

export interface UnionRow {
  unionId: string;
  name: string;
  kind: string;
  parentUnionId: string | null;
  nodeCode: string;
  streetCode: string | null;
  /** Current members (active and suspended) of this union itself. */
  members: number;
}

export interface UnionTreeNode extends UnionRow {
  /** The level of the node the union belongs to: a province, city or district federation, and so on down. */
  level: NodeLevel;
  /** Members of this union and of every union below it. */
  membersInTree: number;
  children: UnionTreeNode[];
}

/**
 * Nests unions under their parents. A union whose parent is not among the rows (no parent, or
 * one on an ancestor node this node does not see) is a root. Children are ordered by node, then
 * name, so the tree reads the same on every call. (No cycles: a parent is created before its
 * children, and a parent on another node is always on an ancestor.)
 */
export function buildUnionTree(rows: readonly UnionRow[]): UnionTreeNode[] {
  const nodes = new Map<string, UnionTreeNode>(
    rows.map((row) => [row.unionId, { ...row, level: nodeRef(row.nodeCode).level, membersInTree: row.members, children: [] }]),
  );
  const roots: UnionTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentUnionId === null ? undefined : nodes.get(node.parentUnionId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (list: UnionTreeNode[]) => list.sort((a, b) => a.nodeCode.localeCompare(b.nodeCode) || a.name.localeCompare(b.name, 'zh-CN'));
  const total = (node: UnionTreeNode): number => {
    order(node.children);
    node.membersInTree = node.members + node.children.reduce((sum, child) => sum + total(child), 0);
    return node.membersInTree;
  };
  for (const root of roots) total(root);
  return order(roots);
}
