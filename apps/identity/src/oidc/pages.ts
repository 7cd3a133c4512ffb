/**
 * The sign-in pages, rendered by the service in zh-CN: plain HTML forms and one inline
 * stylesheet, no script and nothing from a CDN (a node on an offline LAN shows them as they are).
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  body { margin: 0; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans SC", sans-serif; background: #f2f4f7; color: #1f2329; }
  main { max-width: 400px; margin: 8vh auto; background: #fff; border-radius: 8px; padding: 32px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 22px; margin: 0 0 4px; } .sub { color: #4e5969; margin: 0 0 24px; }
  label { display: block; margin: 16px 0 6px; font-weight: 600; }
  input { box-sizing: border-box; width: 100%; padding: 10px 12px; font-size: 16px; border: 1px solid #c9cdd4; border-radius: 4px; }
  input:focus { outline: 2px solid #c8102e; border-color: #c8102e; }
  button { margin-top: 24px; width: 100%; padding: 12px; font-size: 16px; color: #fff; background: #c8102e; border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #a8071a; background: #fff1f0; border: 1px solid #ffa39e; padding: 10px 12px; border-radius: 4px; margin-bottom: 8px; }
  .hint { color: #4e5969; font-size: 14px; } code { font-size: 15px; word-break: break-all; background: #f2f3f5; padding: 2px 4px; }
  img { display: block; margin: 12px auto; }
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · 工会驿站</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const errorBox = (error?: string) => (error ? `<p class="error" role="alert">${escape(error)}</p>` : '');

/** `upstream`: the node's upstream login (a province's unified login), offered beside the password. */
export function signInPage(action: string, nodeName: string, error?: string, userName = '', upstream?: { href: string; name: string }): string {
  return page(
    '登录',
    `<h1>工会驿站工作台</h1><p class="sub">${escape(nodeName)} · 干部登录</p>${errorBox(error)}
    <form method="post" action="${escape(action)}" autocomplete="on">
      <label for="userName">用户名</label><input id="userName" name="userName" value="${escape(userName)}" autocomplete="username" required autofocus>
      <label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">登录</button>
    </form>${upstream ? `\n    <p class="hint"><a href="${escape(upstream.href)}">使用${escape(upstream.name)}登录</a></p>` : ''}`,
  );
}

export function totpPage(action: string, error?: string): string {
  return page(
    '身份验证',
    `<h1>身份验证</h1><p class="sub">请输入身份验证器（如微信小程序“腾讯身份验证器”或手机上的验证器应用）显示的 6 位动态码</p>${errorBox(error)}
    <form method="post" action="${escape(action)}">
      <label for="code">动态码</label><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
      <button type="submit">验证</button>
    </form>`,
  );
}

export function enrolTotpPage(action: string, secret: string, qrDataUrl: string, error?: string): string {
  return page(
    '绑定身份验证器',
    `<h1>绑定身份验证器</h1><p class="sub">干部账号须使用动态码登录。请用验证器应用扫描二维码，或手动输入密钥，然后输入显示的 6 位动态码。</p>${errorBox(error)}
    <img src="${qrDataUrl}" width="200" height="200" alt="验证器二维码">
    <p class="hint">密钥：<code>${escape(secret)}</code></p>
    <form method="post" action="${escape(action)}">
      <label for="code">动态码</label><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
      <button type="submit">绑定并继续</button>
    </form>`,
  );
}

export function changePasswordPage(action: string, error?: string): string {
  return page(
    '修改密码',
    `<h1>请设置新密码</h1><p class="sub">首次登录或密码被重置后，须先设置自己的密码。至少 10 位，含大写字母、小写字母、数字、符号中的三种，不能包含用户名。</p>${errorBox(error)}
    <form method="post" action="${escape(action)}">
      <label for="password">新密码</label><input id="password" name="password" type="password" autocomplete="new-password" required autofocus>
      <label for="confirm">再次输入新密码</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
      <button type="submit">保存并登录</button>
    </form>`,
  );
}

export function logoutPage(form: string): string {
  return page('退出登录', `<h1>退出登录</h1><p class="sub">确定退出工会驿站工作台吗？</p>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">退出登录</button>`);
}

export function loggedOutPage(): string {
  return page('已退出', '<h1>已退出登录</h1><p class="sub">您已安全退出。</p>');
}

export function errorPage(message: string): string {
  return page('出错了', `<h1>无法完成登录</h1>${errorBox(message)}<p class="hint">请回到工作台重新登录。</p>`);
}
