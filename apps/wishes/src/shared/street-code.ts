/** A 街道 code of this node: the node's district code followed by three characters. */
export function isStreetOfNode(streetCode: string, nodeCode: string): boolean {
  return streetCode.length === nodeCode.length + 3 && streetCode.startsWith(nodeCode) && /^[0-9a-z]+$/.test(streetCode);
}
