import { dispatchError } from '../dispatch.errors';

/** A street code (9 digits: district + 3) inside the node this service serves. */
export function assertStreetInNode(streetCode: string, nodeCode: string): void {
  if (!/^[0-9a-z]{6}\d{3}$/.test(streetCode) || !streetCode.startsWith(nodeCode)) {
    throw dispatchError('street_outside_node', `街道代码 ${streetCode} 不属于本节点 ${nodeCode}`, 'homeStreet');
  }
}
