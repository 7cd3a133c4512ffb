export * from './decider-spec';
export * from './infra';
export * from './node-stream';
export { requestJson } from '@ws/platform';
export type { JsonRequest, JsonResponse } from '@ws/platform';
