import { DiscoveryService } from '@nestjs/core';

/**
 * Marks a provider implementing Projection that only keeps rows (a read model): the platform
 * finds it, runs it from its checkpoint at start-up, reports its lag in /health and /metrics, and
 * can rebuild it. Anything that acts on events (appends, issues, sends) is a @Reaction().
 */
export const ReadModel = DiscoveryService.createDecorator<void>();
