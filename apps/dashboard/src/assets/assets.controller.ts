import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Asset, loadAssets } from './asset-catalog';
import { dashboardError } from '../errors';

/** The page (/) and its files (/assets/<name>), from memory. */
@Controller()
export class AssetsController {
  private readonly assets = loadAssets();

  @Get()
  page(@Res() reply: FastifyReply): void {
    this.send(reply, this.assets.get('index.html')!);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.get(name);
    if (!asset || name === 'index.html') throw dashboardError('not_found', `没有文件 ${name}`, 'name');
    this.send(reply, asset);
  }

  private send(reply: FastifyReply, asset: Asset): void {
    void reply
      .header('content-type', asset.contentType)
      .header('cache-control', asset.cacheControl)
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  }
}
