export * from './events';
export * from './credit-code';
