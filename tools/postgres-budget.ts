/** What Postgres allows and holds now (max_connections, the slots kept for superusers and reserved roles, client backends open). */
export interface PostgresCapacity {
  max: number;
  reserved: number;
  used: number;
}

/** The connections a launch will hold: per service its pool and its session connection, and the launcher's own. */
export interface ConnectionPlan {
  nodes: number;
  servicesPerNode: number;
  poolPerService: number;
}

/** The connection every service holds beside its pool: projection leases and the outbox LISTEN (libs/eventstore SessionConnection). */
export const SESSION_CONNECTIONS_PER_SERVICE = 1;

export const connectionsPerService = (poolPerService: number) => poolPerService + SESSION_CONNECTIONS_PER_SERVICE;

/**
 * At most: every service's pool full and its session open, and the launcher preparing each
 * node's databases (one admin connection per node, the nodes at once) plus its own check.
 */
export function plannedConnections(plan: ConnectionPlan): number {
  return plan.nodes * plan.servicesPerNode * connectionsPerService(plan.poolPerService) + plan.nodes + 1;
}

export interface BudgetVerdict {
  planned: number;
  /** max_connections less the reserved slots: what ordinary connections may use. */
  allowed: number;
  /** Set when the launch cannot fit even on an idle server: the launcher refuses to start. */
  refusal?: string;
  /** Set when it fits the server but not beside what is connected now. */
  warning?: string;
}

/** Whether `plan` fits the server: refuse what never could (a service would die with "too many clients" mid-start), warn about what fits only once others let go. */
export function checkConnectionBudget(plan: ConnectionPlan, capacity: PostgresCapacity): BudgetVerdict {
  const planned = plannedConnections(plan);
  const allowed = capacity.max - capacity.reserved;
  const breakdown = `${plan.nodes} nodes × ${plan.servicesPerNode} services × (pool ${plan.poolPerService} + ${SESSION_CONNECTIONS_PER_SERVICE} session) + ${plan.nodes + 1} for the launcher`;
  if (planned > allowed) {
    return {
      planned,
      allowed,
      refusal:
        `Postgres 连接不足 not enough Postgres connections: this launch needs up to ${planned} (${breakdown}), ` +
        `the server allows ${allowed} (max_connections ${capacity.max} − ${capacity.reserved} reserved). ` +
        'Lower PG_POOL_MAX, start fewer nodes (--topology chain or district), or raise max_connections ' +
        '(ALTER SYSTEM SET max_connections = 200, then restart Postgres).',
    };
  }
  if (capacity.used + planned > allowed) {
    return {
      planned,
      allowed,
      warning: `注意 warning: this launch needs up to ${planned} Postgres connections (${breakdown}); ${capacity.used} of the ${allowed} allowed are in use by others now`,
    };
  }
  return { planned, allowed };
}
