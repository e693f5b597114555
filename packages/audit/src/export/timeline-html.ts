import { opinionOf, reasonOf } from '../history/reason';
import type { CaseExport, CaseExportEvent } from './case-export';
import { labelOf } from './labels';

/** Every value goes through this: event data is whatever people typed, and this page is opened in browsers. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** `2026-03-02T09:30:00.000+08:00` → `2026-03-02 09:30:00 +08:00`: the instant as recorded, in its offset. */
function printedTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  return match ? `${match[1]} ${match[2]} ${match[3] === 'Z' ? 'UTC' : match[3]}` : iso;
}

const HASH_PREFIX = 12;

function row(e: CaseExportEvent): string {
  const label = labelOf(e.type);
  const opinion = opinionOf(e.data);
  const reason = reasonOf(e);
  const words = [...new Set([opinion, reason])].filter((w): w is string => w !== null);
  const department =
    e.actor.department === undefined ? '' : `<div class="sub">${escapeHtml(e.actor.department)}</div>`;
  return `<tr>
<td class="time">${escapeHtml(printedTime(e.occurredAt))}</td>
<td>${escapeHtml(e.actor.name)}${department}<div class="sub">${escapeHtml(e.actor.roles.join('、') || e.actor.id)}</div></td>
<td>${escapeHtml(label ?? e.type)}${label === undefined ? '' : `<div class="sub">${escapeHtml(e.type)}</div>`}<div class="sub">${escapeHtml(e.stream)} #${escapeHtml(e.revision)}</div></td>
<td class="words">${words.map((w) => `<p>${escapeHtml(w)}</p>`).join('')}</td>
<td class="hash" title="${escapeHtml(e.hash)}">${escapeHtml(e.hash.slice(0, HASH_PREFIX))}<div class="sub">@${escapeHtml(e.position)}</div></td>
</tr>`;
}

const STYLE = `
body { font-family: "Noto Serif SC", "Songti SC", SimSun, serif; margin: 2em; color: #111; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
.meta { font-size: .85em; color: #444; margin-bottom: 1em; }
.meta code, .hash { font-family: ui-monospace, Menlo, Consolas, monospace; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border: 1px solid #999; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #eee; }
tr { page-break-inside: avoid; break-inside: avoid; }
.time { white-space: nowrap; }
.sub { font-size: .8em; color: #555; }
.words p { margin: 0 0 .3em; white-space: pre-wrap; }
@media print { body { margin: 0; } th { background: none; } a { color: inherit; } }
`;

/**
 * 办件过程记录: a printable page of the exported case's timeline (time, who, what, why, hash), self-contained
 * (no scripts, no external assets), every value escaped.
 */
export function renderCaseTimelineHtml(exported: CaseExport): string {
  const head = exported.ledgerHead;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>办件过程记录 ${escapeHtml(exported.caseNo)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>办件过程记录 · ${escapeHtml(exported.caseNo)}</h1>
<div class="meta">
导出时间 ${escapeHtml(printedTime(exported.exportedAt))} · 共 ${exported.events.length} 条记录 ·
导出时账本位置 ${escapeHtml(head.position ?? '—')}，哈希 <code>${escapeHtml(head.hash)}</code><br>
每条记录的哈希链接上一条（${exported.chain.scope === 'global' ? '全局账本' : '同一流'}）：${escapeHtml(exported.chain.link)}
</div>
<table>
<thead><tr><th>时间</th><th>办理人</th><th>操作</th><th>理由 / 意见</th><th>哈希</th></tr></thead>
<tbody>
${exported.events.map(row).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
