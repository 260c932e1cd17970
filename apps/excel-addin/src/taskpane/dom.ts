// Small DOM helpers. Text always goes in through text nodes: API strings never become HTML.

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`The pane is missing #${id}`);
  return e as T;
}

export const input = (id: string): HTMLInputElement => byId<HTMLInputElement>(id);

type Child = Node | string | number | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function checkedValue(name: string): string {
  return document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';
}

export const fmtInt = (n: number): string => n.toLocaleString('en-US');

export function fmtDate(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') : '';
}
