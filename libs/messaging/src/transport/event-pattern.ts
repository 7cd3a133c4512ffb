import { NodeRef, ownEventPrefix } from '@ws/contracts';

/** `context.aggregate.EventType`, each token literal or `*`. */
export interface EventPattern {
  context: string;
  aggregate: string;
  type: string;
}

const TOKEN = /^([A-Za-z0-9_-]+|\*)$/;

export function parseEventPattern(pattern: string): EventPattern {
  const tokens = pattern.split('.');
  if (tokens.length !== 3 || !tokens.every((t) => TOKEN.test(t))) {
    throw new Error(`event pattern must be context.aggregate.EventType (tokens may be *): ${JSON.stringify(pattern)}`);
  }
  const [context, aggregate, type] = tokens as [string, string, string];
  return { context, aggregate, type };
}

/**
 * The subjects a reaction listens to: its own node's events only (evt.<p>.<c>.<d>.…), any
 * aggregate id. Events of child nodes sourced into this node's stream are not its business.
 */
export function patternSubject(node: NodeRef, pattern: EventPattern): string {
  return `${ownEventPrefix(node)}.${pattern.context}.${pattern.aggregate}.*.${pattern.type}`;
}

/** One durable consumer per service and pattern, e.g. `dispatch__wishes_wish_WishAccepted`. */
export function durableName(service: string, pattern: EventPattern): string {
  const tokens = [pattern.context, pattern.aggregate, pattern.type].map((t) => (t === '*' ? 'any' : t));
  return `${service.replace(/[^A-Za-z0-9_-]/g, '_')}__${tokens.join('_')}`;
}
