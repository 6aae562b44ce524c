// Pages around the data: the login confirmation, the explanation shown without a session, 404 and
// the generic error page. They never show internals (no stack traces, no SQL).
import type { RedeemFailure } from './auth.js'
import { html, page } from './html.js'

const HOW = html`<p>请在微信里<b>私聊机器人</b>发送「后台」，机器人会回复一个登录链接。链接 10 分钟内有效，只能用一次。管理员和团长可以获取（团长只看到自己的接龙）。</p>`

const WHY: Record<RedeemFailure | 'none' | 'out', string> = {
  none: '需要登录才能查看后台。',
  out: '已退出登录。',
  unknown: '这个登录链接无效。',
  expired: '这个登录链接已过期（有效期 10 分钟）。',
  used: '这个登录链接已经用过了（每个链接只能用一次）。',
}

export function explainPage(why: RedeemFailure | 'none' | 'out'): string {
  return page('登录', html`<h1>邻里助手后台</h1><section class="card"><p><b>${WHY[why]}</b></p>${HOW}</section>`)
}

// A button rather than logging in on GET: link scanners and chat previews fetch links too, and
// must not use up the one-time token.
export function confirmPage(token: string, admin: string): string {
  return page('登录', html`<h1>邻里助手后台</h1><section class="card"><p>${admin}，点击下面的按钮进入后台。</p>
    <form method="post" action="/login"><input type="hidden" name="t" value="${token}">
    <button class="btn" type="submit" id="enter">进入后台</button></form></section>`)
}

export function notFoundPage(home = '/', what = '页面'): string {
  return page('找不到', html`<h1>找不到这个${what}</h1><section class="card"><p>可能编号写错了，或者已经被清理。</p>
    <p><a href="${home}">回到后台首页</a></p></section>`)
}

export function errorPage(status: number, home = '/'): string {
  const text = status >= 500 ? '后台出了点问题，请稍后再试。如果一直这样，请联系维护机器人的人。' : '请求有误，请返回重试。'
  return page('出错了', html`<h1>出错了</h1><section class="card"><p>${text}</p><p><a href="${home}">回到后台首页</a></p></section>`)
}
