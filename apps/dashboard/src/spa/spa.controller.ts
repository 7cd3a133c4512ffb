import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import { loadSpas, resolveSpaPath, SPA_NAMES, SpaFile, SpaName } from './spa-catalog';
import { linkHeader, preloadsFor } from './spa-preload';
import { dashboardError } from '../errors';

const isSpaName = (name: string): name is SpaName => (SPA_NAMES as readonly string[]).includes(name);

/**
 * The built single-page apps: /h5/ (职工端, the worker pages) and /console/ (the officers'
 * console, once built). Hashed assets for a year, the entry page never cached, the smaller of
 * the build's brotli / gzip copies when the browser takes it. No inline script or style is
 * added, so a strict Content-Security-Policy (script-src 'self') holds.
 */
@Controller()
export class SpaController {
  private readonly spas;

  constructor(@Inject(DASHBOARD_CONFIG) config: DashboardConfig) {
    this.spas = loadSpas(config.spaRoot);
  }

  @Get(SPA_NAMES.map((name) => name))
  root(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    // /h5 → /h5/: the app's relative links and its router's base need the slash.
    const [path, query] = splitQuery(request.url);
    void reply.redirect(`${path}/${query}`, 301);
  }

  @Get(SPA_NAMES.map((name) => `${name}/*`))
  file(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const [path, query] = splitQuery(request.url);
    const [, name, ...rest] = path.split('/');
    const spa = name && isSpaName(name) ? this.spas.get(name) : undefined;
    if (!spa) throw dashboardError('not_found', `本节点没有部署 /${name ?? ''}/`, 'path');
    const route = decodeSafely(rest.join('/'));
    const file = resolveSpaPath(spa, route || 'index.html');
    if (!file) throw dashboardError('not_found', `没有文件 ${path}`, 'path');
    if (file === spa.index) {
      const preloads = preloadsFor(spa.name, route, new URLSearchParams(query));
      if (preloads.length > 0) void reply.header('link', linkHeader(preloads));
    }
    this.send(request, reply, file);
  }

  private send(request: FastifyRequest, reply: FastifyReply, file: SpaFile): void {
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = file.br && /\bbr\b/.test(accepted) ? 'br' : file.gzip && /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
    void reply.header('content-type', file.contentType).header('cache-control', file.cacheControl).header('x-content-type-options', 'nosniff');
    if (file.br || file.gzip) void reply.header('vary', 'accept-encoding');
    if (encoding) void reply.header('content-encoding', encoding);
    void reply.send(encoding === 'br' ? file.br : encoding === 'gzip' ? file.gzip : file.body);
  }
}

function splitQuery(url: string): [string, string] {
  const at = url.indexOf('?');
  return at >= 0 ? [url.slice(0, at), url.slice(at)] : [url, ''];
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}
