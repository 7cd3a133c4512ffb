import type { DirectiveIssued } from '@ws/contracts';

/** The columns `directives` (issuer) and `received_directives` (receiver) share, as a directive is issued. */
export function issuedColumns(data: DirectiveIssued['data'], issuedAt: Date) {
  return {
    directive_id: data.directiveId,
    issuer_node: data.issuerNode,
    title: data.title,
    kind: data.goal.kind,
    goal: JSON.stringify(data.goal),
    children: data.children,
    deadline: data.deadline,
    status: 'open' as const,
    withdrawn_reason: null,
    issued_at: issuedAt,
  };
}
