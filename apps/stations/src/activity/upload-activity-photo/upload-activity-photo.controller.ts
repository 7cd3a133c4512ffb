import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '@ws/kernel';
import { Photos, PHOTO_UPLOAD_BODY } from '@ws/uploads';
import { ACTIVITY_ORGANISERS } from '../activity-routes';

/**
 * An activity's photo, uploaded before the activity is recorded as held (the hold names it by
 * its reference). Only who may record an activity uploads; the photo is seen through the
 * signed links of GET /photos/<ref>.jpg.
 */
@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities/photos')
export class UploadActivityPhotoController {
  constructor(private readonly photos: Photos) {}

  @Post() @HttpCode(201) @Roles(...ACTIVITY_ORGANISERS)
  @ApiConsumes('multipart/form-data')
  @ApiBody(PHOTO_UPLOAD_BODY)
  @ApiOperation({ summary: '上传一张活动照片：按内容识别格式、限制大小、缩放并去除 EXIF（含 GPS）；返回引用（登记举办时填入 photos）和短时链接' })
  upload(@Req() request: FastifyRequest) {
    return this.photos.accept(request);
  }
}
