import { Controller, Get, Inject } from '@nestjs/common';
import { divisionName } from '@ws/contracts';
import { UPSTREAM_APPS, type DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import type { NodeLink } from './node-links';

export interface NodesView {
  node: { code: string; name: string; level: string };
  parent: NodeLink | null;
  children: NodeLink[];
  /** Which services this node proxies; the page does not ask the others. */
  services: string[];
}

/** Where this node sits: its name and level, the way up, and the children's dashboards. */
@Controller('api/nodes')
export class NodesController {
  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  @Get()
  nodes(): NodesView {
    const { node } = this.config;
    return {
      node: { code: node.code, name: divisionName(node.code) ?? node.code, level: node.level },
      parent: this.config.parent ?? null,
      children: this.config.children,
      services: UPSTREAM_APPS.filter((app) => this.config.upstreams[app]),
    };
  }
}
