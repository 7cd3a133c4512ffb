import { nodeRef } from '@ws/contracts';
import { durableName, parseEventPattern, patternSubject } from './event-pattern';

describe('event patterns of the JetStream transport', () => {
  it('listens to the node’s own events of a type, any aggregate id', () => {
    expect(patternSubject(nodeRef('3308'), parseEventPattern('wishes.wish.WishAccepted'))).toBe('evt.33.3308._.wishes.wish.*.WishAccepted');
    expect(patternSubject(nodeRef('330802'), parseEventPattern('stations.*.*'))).toBe('evt.33.3308.330802.stations.*.*.*');
  });

  it('names one durable consumer per service and pattern', () => {
    expect(durableName('dispatch', parseEventPattern('wishes.wish.WishAccepted'))).toBe('dispatch__wishes_wish_WishAccepted');
    expect(durableName('dispatch', parseEventPattern('wishes.*.WishAccepted'))).toBe('dispatch__wishes_any_WishAccepted');
  });

  it('refuses patterns that are not context.aggregate.Type', () => {
    expect(() => parseEventPattern('wishes.WishAccepted')).toThrow(/context.aggregate.EventType/);
    expect(() => parseEventPattern('wishes.wish.>')).toThrow();
    expect(() => parseEventPattern('wishes.wish.a.b')).toThrow();
  });
});
