// Server-rendered pages: one layout, escaping for every value that came from a chat, and CSS that
// works on a phone (single column, tables scroll sideways) and on a desktop. No scripts at all.

function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** Tagged template for trusted markup: interpolated strings are escaped unless wrapped in raw(). */
export class Raw { constructor(readonly html: string) {} }
export function raw(html: string): Raw { return new Raw(html) }
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]
  values.forEach((v, i) => { out += piece(v) + strings[i + 1] })
  return new Raw(out)
}
function piece(v: unknown): string {
  if (v instanceof Raw) return v.html
  if (Array.isArray(v)) return v.map(piece).join('')
  if (v === null || v === undefined || v === false) return ''
  return esc(v)
}

/** An entry of the navigation bar: a family's page that has a `nav` label. */
export interface NavItem { href: string; label: string }

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;color:#1f2328;background:#f5f6f7}
header{background:#07c160;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem}
header b{font-size:1.1rem}
header nav{display:flex;gap:.25rem;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;padding:.3rem .7rem;border-radius:1rem}
header a.on,header a:hover{background:rgba(255,255,255,.25)}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
section.card>h2:first-child{margin-top:.2rem}
section.card{background:#fff;border-radius:.6rem;padding:.8rem 1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid #e6e8eb;text-align:left;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.wrap{white-space:normal;min-width:9em}
tfoot td{font-weight:600;border-top:2px solid #c9ccd1}
.muted{color:#6b7280;font-size:.9rem}
.tag{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.8rem;background:#eef0f2}
.ok{background:#dcfce7;color:#166534}.warn{background:#fef3c7;color:#92400e}.bad{background:#fee2e2;color:#991b1b}
.btn{display:inline-block;padding:.45rem .9rem;margin:.2rem .4rem .2rem 0;border-radius:.4rem;background:#07c160;color:#fff;text-decoration:none;border:0;font-size:1rem}
.btn.alt{background:#fff;color:#07c160;border:1px solid #07c160}
.stats{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;margin:.3rem 0 .6rem}
.stats span b{font-size:1.2rem}
ul.plain{list-style:none;padding:0;margin:.3rem 0}
ul.plain li{padding:.25rem 0;border-bottom:1px solid #f0f1f2}
svg.chart{width:100%;height:auto;max-width:36rem;display:block;margin:.4rem 0}
a{color:#0b6bcb}
.flash{padding:.6rem 1rem;border-radius:.5rem;margin:0 0 1rem}
form.act{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem;margin:.5rem 0;max-width:100%}
form.act input,form.act select{font-size:1rem;padding:.4rem .5rem;border:1px solid #c9ccd1;border-radius:.4rem;min-width:0;max-width:100%;flex:1 1 8em}
form.act .btn{margin:0;cursor:pointer}
form.act fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;flex:1 1 100%;min-width:0}
form.act legend{font-weight:600;padding:0;margin:0 0 .2rem}
form.act label{display:inline-flex;align-items:center;gap:.3rem;max-width:100%;overflow-wrap:anywhere}
form.act input[type=checkbox],form.act input[type=radio]{flex:none;width:1.15rem;height:1.15rem;margin:0}
form.act textarea{flex:1 1 100%;font:inherit;padding:.4rem .5rem;border:1px solid #c9ccd1;border-radius:.4rem;min-width:0;max-width:100%}
@media (max-width:480px){main{padding:.6rem}th,td{padding:.3rem .35rem;font-size:.9rem}}
@media print{header,.noprint{display:none}body{background:#fff}main{max-width:none;padding:0}section.card{box-shadow:none;padding:0}.scroll{overflow:visible}td.wrap{white-space:normal}.pagebreak{break-before:page}}
`

/** The layout around a page's body; with `nav`, the navigation bar with `here` highlighted. */
export function page(title: string, body: Raw, opts: { nav?: NavItem[]; here?: string; admin?: string } = {}): string {
  const nav = opts.nav === undefined ? '' : html`<nav>${opts.nav.map(({ href, label }) =>
    html`<a href="${href}" class="${href === opts.here ? 'on' : ''}">${label}</a>`)}</nav>`
  const who = opts.admin ? html`<span class="muted" style="color:#e8fff1">${opts.admin}</span>
    <form method="post" action="/logout" style="margin:0"><button class="btn alt" style="padding:.15rem .6rem;font-size:.85rem">退出</button></form>` : ''
  return '<!doctype html>' + html`<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · 邻里助手后台</title><style>${raw(CSS)}</style></head>
<body><header><b>邻里助手后台</b>${nav}${who}</header><main>${body}</main></body></html>`.html
}

export function table(header: (string | Raw)[], rows: unknown[][], opts: { numeric?: number[]; wrap?: number[]; foot?: unknown[] } = {}): Raw {
  const cls = (i: number) => (opts.numeric ?? []).includes(i) ? 'num' : (opts.wrap ?? []).includes(i) ? 'wrap' : ''
  return html`<div class="scroll"><table><thead><tr>${header.map((h, i) => html`<th class="${cls(i)}">${h}</th>`)}</tr></thead>
<tbody>${rows.map(r => html`<tr>${r.map((c, i) => html`<td class="${cls(i)}">${c}</td>`)}</tr>`)}</tbody>
${opts.foot ? html`<tfoot><tr>${opts.foot.map((c, i) => html`<td class="${cls(i)}">${c}</td>`)}</tr></tfoot>` : ''}</table></div>`
}

export function yuan(n: number): string {
  return '¥' + (Math.round(n * 100) / 100).toFixed(2).replace(/\.00$/, '')
}

/** A family's action form: a POST to `path` carrying the session's CSRF token (src/dashboard/actions.ts). */
export function actionForm(path: string, csrf: string, button: string, fields: Raw | string = '', name = ''): Raw {
  return html`<form method="post" action="${path}" class="act" data-action="${name}"><input type="hidden" name="csrf" value="${csrf}">
${fields}<button class="btn" type="submit">${button}</button></form>`
}
