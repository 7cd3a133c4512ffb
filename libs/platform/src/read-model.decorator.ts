import { DiscoveryService } from '@nestjs/core';

/**
 * Marks a provider implementing Projection: the platform finds it, runs it from its
 * checkpoint at start-up, reports its lag in /health and /metrics, and can rebuild it.
 */
export const ReadModel = DiscoveryService.createDecorator<void>();
