import { divisionName } from '@ws/contracts';

/** Another node's dashboard, for drill-down (children) or the way back up (parent). */
export interface NodeLink {
  code: string;
  name: string;
  url: string;
}

/** Parses "3308=http://h:4200,3304=http://h:4300"; names come from the GB/T 2260 list. */
export function parseNodeLinks(spec: string): NodeLink[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const separator = entry.indexOf('=');
      if (separator <= 0) throw new Error(`dashboard link must be <code>=<url>: ${entry}`);
      const code = entry.slice(0, separator).trim();
      const url = entry.slice(separator + 1).trim().replace(/\/+$/, '');
      if (!/^(\d{2}|\d{4}|\d{6}|x[0-9a-f]{1,5})$/.test(code)) throw new Error(`not a node code: ${code}`);
      if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`not an http(s) URL for ${code}: ${url}`);
      return { code, name: divisionName(code) ?? code, url };
    });
}
