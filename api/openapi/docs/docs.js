// Renders /openapi.json as a readable page. Served from this server (no CDN) and built with DOM calls only
// (no HTML parsing of strings), so the Content-Security-Policy can stay at same-origin scripts and styles.
'use strict';

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** `code` spans and paragraphs: the only markup the document's descriptions use. */
function inline(md, tag) {
  const node = el(tag || 'span');
  (md || '').split(/(`[^`]+`)/).forEach((part) => node.append(part.startsWith('`') && part.endsWith('`') ? el('code', {}, part.slice(1, -1)) : document.createTextNode(part)));
  return node;
}

function text(md) {
  return (md || '').split(/\n\n+/).map((para) => inline(para, 'p'));
}

function resolve(doc, schema) {
  if (schema && schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()] || schema;
  return schema || {};
}

/** A compact, TypeScript-like rendering of a JSON Schema, named shapes by name. */
function typeOf(doc, schema, depth) {
  if (!schema) return 'beliebig';
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop();
    return depth > 0 ? name : shape(doc, doc.components.schemas[name], depth);
  }
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alts = schema.oneOf || schema.anyOf;
  if (alts) return alts.map((s) => typeOf(doc, s, depth)).join(' | ');
  const t = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  if (t === 'array') return `${typeOf(doc, schema.items, depth)}[]`;
  if (t === 'object' || schema.properties) return shape(doc, schema, depth);
  const notes = [schema.format, schema.pattern && `/${schema.pattern.length > 40 ? '…' : schema.pattern}/`,
    schema.minimum !== undefined && `≥${schema.minimum}`, schema.maximum !== undefined && schema.maximum < 1e12 && `≤${schema.maximum}`,
    schema.maxLength !== undefined && `max. ${schema.maxLength} Zeichen`].filter(Boolean);
  return `${t || 'beliebig'}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

function shape(doc, schema, depth) {
  if (!schema.properties) return schema.additionalProperties && schema.additionalProperties !== false ? '{ [schlüssel]: … }' : '{}';
  if (depth > 3) return '{ … }';
  const pad = '  '.repeat(depth + 1);
  const req = new Set(schema.required || []);
  const lines = Object.entries(schema.properties).map(([k, v]) => `${pad}${k}${req.has(k) ? '' : '?'}: ${typeOf(doc, v, depth + 1)}${v.description ? `  // ${v.description}` : ''}`);
  const extra = schema.additionalProperties === false ? '' : `\n${pad}…`;
  return `{\n${lines.join('\n')}${extra}\n${'  '.repeat(depth)}}`;
}

function schemaBlock(doc, schema, label) {
  return el('details', {}, el('summary', {}, label), el('pre', {}, typeOf(doc, schema, 0)));
}

function operation(doc, path, method, op) {
  const id = op.operationId;
  const section = el('section', { class: 'op', id },
    el('h3', {}, el('span', { class: `method ${method}` }, method), el('span', { class: 'path' }, path), el('span', { class: 'summary' }, op.summary || '')),
    text(op.description));
  const params = (op.parameters || []).map((p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p));
  if (params.length) {
    section.append(el('table', {}, el('tr', {}, el('th', {}, 'Parameter'), el('th', {}, 'in'), el('th', {}, 'Typ'), el('th', {}, 'Beschreibung')),
      params.map((p) => el('tr', {}, el('td', {}, el('code', {}, p.name + (p.required ? '' : '?'))), el('td', {}, p.in), el('td', {}, typeOf(doc, p.schema, 1)), el('td', {}, p.description || '')))));
  }
  if (op.requestBody) section.append(schemaBlock(doc, op.requestBody.content['application/json'].schema, `Inhalt (application/json)${op.requestBody.required ? '' : ', optional'}`));
  const rows = Object.entries(op.responses).map(([status, res]) => {
    const r = res.$ref ? doc.components.responses[res.$ref.split('/').pop()] : res;
    const types = Object.entries(r.content || {});
    return el('tr', {}, el('td', { class: `status s${status[0]}` }, status), el('td', {}, inline(r.description),
      types.filter(([type]) => type !== 'application/problem+json').map(([type, c]) => schemaBlock(doc, c.schema, type))));
  });
  section.append(el('table', {}, el('tr', {}, el('th', {}, 'Status'), el('th', {}, 'Antwort')), rows));
  return section;
}

async function main() {
  const res = await fetch('/openapi.json', { headers: { Accept: 'application/json' } });
  const doc = await res.json();
  document.title = `${doc.info.title} – API`;
  const meta = document.getElementById('meta');
  meta.replaceChildren(`${doc.info.title} · OpenAPI ${doc.openapi} · `, el('a', { href: '/openapi.json' }, 'openapi.json'));
  const nav = document.getElementById('nav');
  const main = document.getElementById('main');
  main.append(el('section', { class: 'op' }, text(doc.info.description),
    el('p', { class: 'roles' }, 'Anmeldung: ', el('code', {}, 'Authorization: Bearer <token>'), '. Problem-Antworten (RFC 9457):'),
    el('pre', {}, typeOf(doc, doc.components.schemas.Problem, 0))));
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || 'Sonstiges';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, ops] of byTag) {
    nav.append(el('h2', {}, tag));
    main.append(el('h2', {}, tag));
    for (const { path, method, op } of ops) {
      nav.append(el('a', { href: `#${op.operationId}` }, `${method.toUpperCase()} ${path.replace('/api/v1', '')}`));
      main.append(operation(doc, path, method, op));
    }
  }
}

main().catch((err) => {
  document.getElementById('meta').textContent = `Das Dokument konnte nicht geladen werden: ${err.message}`;
});
