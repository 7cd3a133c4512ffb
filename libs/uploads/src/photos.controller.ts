import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiBodyOptions } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@ws/kernel';
import { Photos } from './photos';
import { uploadsError } from './errors';

/** The multipart body of an upload, for a service's own upload route too. */
export const PHOTO_UPLOAD_BODY: ApiBodyOptions = { schema: { type: 'object', required: ['photo'], properties: { photo: { type: 'string', format: 'binary', description: 'JPG、PNG 或 WebP' } } } };

/** GET /photos/<ref>.jpg: a photo through its signed link only. */
@ApiTags('照片 photos')
@Controller('photos')
export class PhotoLinksController {
  constructor(private readonly photos: Photos) {}

  @Get(':file')
  @Public()
  @ApiOperation({ summary: '看照片：只认签名未过期的链接（10 分钟）' })
  async open(@Param('file') file: string, @Query('exp') exp: unknown, @Query('sig') sig: unknown, @Res() reply: FastifyReply) {
    if (!file.endsWith('.jpg')) throw uploadsError('photo_not_found', '照片不存在', 'ref');
    const body = await this.photos.open(file.slice(0, -'.jpg'.length), exp, sig);
    void reply
      .header('content-type', 'image/jpeg')
      .header('cache-control', 'private, max-age=600')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }
}

/** POST /photos: an upload open to anyone (public and rate-limited like every public route): a wish's or a volunteer's photo. */
@ApiTags('照片 photos')
@Controller('photos')
export class PublicPhotoUploadController {
  constructor(private readonly photos: Photos) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody(PHOTO_UPLOAD_BODY)
  @ApiOperation({ summary: '上传一张照片：按内容识别格式、限制大小、缩放并去除 EXIF（含 GPS）；返回引用和短时链接' })
  upload(@Req() request: FastifyRequest) {
    return this.photos.accept(request);
  }
}
