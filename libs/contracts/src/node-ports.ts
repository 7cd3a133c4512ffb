/**
 * Where each service of a node listens, as an offset inside the node's block of ports: the
 * launcher lays nodes out by it, and the dashboard finds its node's services by it when no
 * upstream URL is configured.
 */
export const SERVICE_PORT_OFFSETS = { dashboard: 0, stations: 1, membership: 2, wishes: 3, dispatch: 4, identity: 5, notify: 6, jobs: 7 } as const;
export type ServiceName = keyof typeof SERVICE_PORT_OFFSETS;
