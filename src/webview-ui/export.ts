// Exports of the task graph as text: Mermaid (flowchart) and a standalone SVG with the theme's colours
// resolved. Every name, description and status is escaped for the target syntax.
import type { Dag } from '../core/model/dag';
import type { Layout } from '../core/model/layout';
import type { Subtask } from '../core/model/task';
import { STATUS_KEYS, statusStyle, type StatusKey } from './style';

/** Colours (CSS colour strings) used by the SVG export. */
export interface ExportPalette {
  background: string;
  foreground: string;
  muted: string;
  nodeBackground: string;
  warning: string;
  status: Record<StatusKey, string>;
}

// XML 1.0 forbids most C0 controls; lone surrogates cannot be encoded either.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an XML element or a double- or single-quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text safe inside a double-quoted Mermaid label: quotes, angle brackets, ampersands, '#' (entity start) and
 * backticks (markdown strings) become Mermaid entity codes; line breaks become spaces.
 */
export function escapeMermaid(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\r\n\t\u0000-\u001F]+/g, ' ').replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Mermaid class names per status (lower-case, no dashes). */
function mermaidClass(k: StatusKey): string {
  return k.toLowerCase();
}

const HEX = /^#[0-9a-f]{3,8}$/i;

export interface MermaidInput {
  dag: Pick<Dag, 'edges' | 'backEdges'>;
  subtasks: readonly Pick<Subtask, 'id' | 'name' | 'status' | 'rawStatus' | 'isWaitNode'>[];
  statusText(i: number): string;
  /** Status colours (hex only are used: Mermaid styles are comma-separated). */
  palette?: Partial<Record<StatusKey, string>>;
}

/** The graph as a Mermaid flowchart (top-down), one class per status; edges broken to undo a cycle are dotted. */
export function toMermaid(input: MermaidInput): string {
  const { dag, subtasks } = input;
  const lines = ['flowchart TD'];
  const used = new Set<StatusKey>();
  subtasks.forEach((s, i) => {
    const key = statusStyle(s.status).key;
    used.add(key);
    const label = escapeMermaid(`${s.name} · ${input.statusText(i)}`);
    lines.push(s.isWaitNode ? `  s${s.id}(("${label}")):::${mermaidClass(key)}` : `  s${s.id}["${label}"]:::${mermaidClass(key)}`);
  });
  const back = new Set(dag.backEdges);
  dag.edges.forEach((e, k) => {
    lines.push(`  s${subtasks[e.from].id} ${back.has(k) ? '-.->' : '-->'} s${subtasks[e.to].id}`);
  });
  for (const key of STATUS_KEYS) {
    if (!used.has(key)) continue;
    const colour = input.palette?.[key];
    const style = colour && HEX.test(colour) ? `stroke:${colour},stroke-width:2px` : 'stroke-width:2px';
    lines.push(`  classDef ${mermaidClass(key)} ${style}${statusStyle(key).dashed ? ',stroke-dasharray:4 3' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface SvgInput {
  title: string;
  layout: Pick<Layout, 'nodes' | 'edges' | 'width' | 'height'>;
  /** Edges left out of the layout (cycles), drawn as dashed straight lines. */
  brokenEdges?: readonly { source: number; target: number }[];
  subtasks: readonly Pick<Subtask, 'id' | 'name' | 'status' | 'isWaitNode'>[];
  statusText(i: number): string;
  palette: ExportPalette;
  /** Longest name kept on a node (the full name stays in the node's <title>). */
  maxNameChars?: number;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}\u2026`;
}

const n2 = (v: number): string => String(Math.round(v * 10) / 10);

/** A standalone SVG of the whole graph, as drawn in the panel (colours of the current theme). */
export function toSvg(input: SvgInput): string {
  const { layout, palette } = input;
  const width = Math.max(1, Math.ceil(layout.width));
  const height = Math.max(1, Math.ceil(layout.height));
  const max = input.maxNameChars ?? 28;
  const a = (v: string): string => escapeXml(v);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="100%" height="100%" fill="${a(palette.background)}"/>`,
    '<defs>',
    ...STATUS_KEYS.map((k) => `<marker id="arrow-${k}" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0L8 4L0 8z" fill="${a(palette.status[k])}"/></marker>`),
    '</defs>',
    '<g fill="none" stroke-width="1.5">',
  ];
  for (const e of layout.edges) {
    const key = statusStyle(input.subtasks[e.to].status).key;
    const pts: string[] = [];
    for (let i = 0; i < e.points.length; i += 2) pts.push(`${n2(e.points[i])},${n2(e.points[i + 1])}`);
    out.push(`<polyline points="${pts.join(' ')}" stroke="${a(palette.status[key])}" marker-end="url(#arrow-${key})"/>`);
  }
  const byId = new Map<number, number>();
  layout.nodes.forEach((nd, i) => byId.set(nd.id, i));
  for (const b of input.brokenEdges ?? []) {
    const f = layout.nodes[byId.get(b.source) ?? -1];
    const t = layout.nodes[byId.get(b.target) ?? -1];
    if (!f || !t) continue;
    out.push(`<line x1="${n2(f.x + f.w / 2)}" y1="${n2(f.y + f.h / 2)}" x2="${n2(t.x + t.w / 2)}" y2="${n2(t.y + t.h / 2)}" stroke="${a(palette.warning)}" stroke-dasharray="4 3"/>`);
  }
  out.push('</g>');
  layout.nodes.forEach((nd, i) => {
    const s = input.subtasks[i];
    const st = statusStyle(s.status);
    const colour = palette.status[st.key];
    const status = input.statusText(i);
    const dash = st.dashed ? ' stroke-dasharray="4 3"' : '';
    out.push(`<g><title>${escapeXml(`${s.name} (#${s.id}): ${status}`)}</title>`);
    if (s.isWaitNode) {
      out.push(`<circle cx="${n2(nd.x + nd.w / 2)}" cy="${n2(nd.y + nd.h / 2)}" r="${n2(nd.w / 2)}" fill="${a(colour)}" stroke="${a(colour)}"${dash}/>`);
    } else {
      out.push(`<rect x="${n2(nd.x)}" y="${n2(nd.y)}" width="${n2(nd.w)}" height="${n2(nd.h)}" rx="4" fill="${a(palette.nodeBackground)}" stroke="${a(colour)}" stroke-width="1.5"${dash}/>`);
      out.push(`<text x="${n2(nd.x + 8)}" y="${n2(nd.y + 15)}" fill="${a(colour)}">${escapeXml(st.icon)}</text>`);
      out.push(`<text x="${n2(nd.x + 24)}" y="${n2(nd.y + 15)}" fill="${a(palette.foreground)}">${escapeXml(truncate(s.name, max))}</text>`);
      out.push(`<text x="${n2(nd.x + 24)}" y="${n2(nd.y + 29)}" fill="${a(palette.muted)}" font-size="10">${escapeXml(status)}</text>`);
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
