import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@ws/kernel';
import { SubmitReportDto } from './submit-report.dto';
import { SubmitReportHandler } from './submit-report.handler';

@ApiTags('随手拍 reports')
@Controller('reports')
export class SubmitReportController {
  constructor(private readonly handler: SubmitReportHandler) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '客户端生成；同一键与相同内容只算一条' })
  @ApiOperation({ summary: '网格员随手拍：位置、描述、照片引用；重复提交只算一条' })
  async submit(@Body() dto: SubmitReportDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const submitted = await this.handler.submit(dto, key);
    if (submitted.replayed) void reply.status(200);
    return submitted;
  }
}
