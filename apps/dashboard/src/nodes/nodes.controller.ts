import { Controller, Get, Inject } from '@nestjs/common';
import { childDivisions, divisionName } from '@ws/contracts';
import { UPSTREAM_APPS, type DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import type { NodeLink } from './node-links';

export interface NodesView {
  node: { code: string; name: string; level: string };
  parent: NodeLink | null;
  children: NodeLink[];
  /** The GB/T 2260 divisions below the node down to the districts (a province's cities and their districts): names for figures grouped by district. */
  places: Array<{ code: string; name: string }>;
  /** Which services this node proxies; the page does not ask the others. */
  services: string[];
}

/** The divisions below `code`, each followed by its own, down to the districts. */
const divisionsBelow = (code: string): string[] => childDivisions(code).flatMap((child) => [child, ...divisionsBelow(child)]);

/** Where this node sits: its name and level, the way up, and the children's dashboards. */
@Controller('api/nodes')
export class NodesController {
  private readonly places: NodesView['places'];

  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {
    this.places = divisionsBelow(config.node.code).map((code) => ({ code, name: divisionName(code)! }));
  }

  @Get()
  nodes(): NodesView {
    const { node } = this.config;
    return {
      node: { code: node.code, name: divisionName(node.code) ?? node.code, level: node.level },
      parent: this.config.parent ?? null,
      children: this.config.children,
      places: this.places,
      services: UPSTREAM_APPS.filter((app) => this.config.upstreams[app]),
    };
  }
}
