import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CHANNEL_LABELS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { shanghaiLabel } from '../rules/shanghai-time';
import { DevBox, DevBoxEntry } from './dev-box';
import { notifyError } from '../notify.errors';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(entries: DevBoxEntry[], filter: string): string {
  const rows = entries
    .map(
      (e) => `<tr><td>${escape(shanghaiLabel(e.at))}</td><td>${escape(CHANNEL_LABELS[e.channel])}</td><td class="to">${escape(e.to)}</td>` +
        `<td><b>${escape(e.title)}</b><br>${escape(e.text)}${e.url ? `<br><a href="${escape(e.url)}">${escape(e.url)}</a>` : ''}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3"><title>消息盒子（开发用）</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;color:#111}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.5rem;text-align:left;vertical-align:top}
.to{font-family:monospace;white-space:nowrap}p{color:#444}input{font-size:1rem;padding:.4rem}</style></head>
<body><h1>消息盒子（开发用）</h1>
<p>开发环境中本节点本应发出的短信、微信订阅通知和网页推送（含验证码），只保存在内存里，号码已打码；每 3 秒刷新。</p>
<form method="get"><label>手机尾号 <input name="to" value="${escape(filter)}" inputmode="numeric" maxlength="4"></label> <button>筛选</button></form>
<table><thead><tr><th>时间</th><th>渠道</th><th>发给</th><th>内容</th></tr></thead><tbody>
${rows || '<tr><td colspan="4">还没有消息</td></tr>'}
</tbody></table></body></html>`;
}

/** The development message box (npm start prints its address; the node's front serves it at /messages/). */
@ApiExcludeController()
@Controller('messages')
export class DevBoxController {
  constructor(
    private readonly box: DevBox,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {}

  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  html(@Query('to') to?: string): string {
    const filter = typeof to === 'string' ? to.replace(/\D/g, '').slice(0, 4) : '';
    return page(this.entries().filter((e) => !filter || e.to.endsWith(filter)), filter);
  }

  @Get('box.json')
  @Public()
  @Header('cache-control', 'no-store')
  json() {
    return { items: this.entries() };
  }

  private entries(): DevBoxEntry[] {
    if (!this.config.devBox) throw notifyError('dev_box_off', '本节点没有开启开发用消息盒子');
    return this.box.list();
  }
}
