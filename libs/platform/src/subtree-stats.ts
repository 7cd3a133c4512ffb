import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { coversNode, kernelError } from '@ws/kernel';

/** One number of a service's GET /stats, as the dashboards show it: a stable key, a zh-CN label, the value. */
export interface StatFigure {
  key: string;
  label: string;
  value: number;
}

/** `?node=`: a node or street below the one the service serves, to narrow a summary to it. */
export class SubtreeQueryDto {
  @ApiPropertyOptional({ description: '下级节点或街道代码（默认本节点全部）', example: '330802001' })
  @IsOptional() @Matches(/^[0-9a-z]{2,12}$/, { message: 'node 须为节点或街道代码' })
  node?: string;
}

/**
 * The node a summary covers: the served node itself, or a node or street code inside its
 * subtree (codes nest by prefix). Anything outside is refused rather than answered with zeros.
 */
export function subtreeNode(requested: string | undefined, servedNode: string): string {
  const node = requested ?? servedNode;
  if (!coversNode(servedNode, node)) throw kernelError('out_of_scope', `${node} 不在本节点 ${servedNode} 之下`, 'node');
  return node;
}
